"""hygiene.analysis.run_paths: a results path that names the run's settings."""
from __future__ import annotations

from hygiene.analysis.run_paths import settings_in_path


def test_path_built_from_settings_names_them():
    text = ('out_dir = os.path.join("results", f"{args.model}-lr-{args.lr}", dataset)\n'
            'results_path = os.path.join(out_dir, "results.json")\n')
    assert settings_in_path(text, 'json.dump(m, f)\nwith open(results_path, "w") as f:') == \
        ["args.model", "args.lr", "dataset"]


def test_path_through_a_helper_call_and_concatenation():
    text = ('results_path = create_results_path(dataset, split_name, output_path)\n'
            "writefile = 'seed_output/' + model_name + '/' + 'train-' + str(n) + '-' + str(seed) + '/'\n")
    assert settings_in_path(text, "with open(results_path, 'w') as f_out:") == ["dataset", "split_name"]
    assert settings_in_path(text, "with open(writefile + 'results.json', 'a') as f:") == ["model_name", "n", "seed"]


def test_one_folder_or_one_name_is_no_record():
    text = 'out = os.path.join(args.output_dir, "metrics.json")\npath = f"results/{name}.json"\n'
    assert settings_in_path(text, 'json.dump(m, open(out, "w"))') == []
    assert settings_in_path(text, 'with open(path, "w") as fh:') == []


def test_only_the_path_counts_not_the_data_written():
    text = ""
    target = 'w.write({"val_acc": accuracy(net, val_dl)})\nwith jsonlines.open("results/runs.jsonl", mode="a") as w:'
    assert settings_in_path(text, target) == []
