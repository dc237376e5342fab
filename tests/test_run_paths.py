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


def test_a_summary_written_beside_the_runs_it_reads_names_them():
    text = ('for dataset in listdir(results_path):\n'
            '    dataset_path = join(results_path, dataset)\n'
            '    for sample_size in sizes:\n'
            '        split_dirs = sorted(glob(join(dataset_path, f"train-{sample_size}-*")))\n'
            '        for split_dir in split_dirs:\n'
            '            pass\n')
    assert settings_in_path(text, 'with open(join(split_dir, "results.json"), "w") as f:') == ["sample_size", "dataset"]


def test_a_path_four_assignments_deep_is_followed():
    text = ('metrics_dir = RESULTS_PATH / Path(f"{model_name}-lr-{learning_rate}/{dataset_id}")\n'
            'for idx, (split, dset) in enumerate(splits.items()):\n'
            '    metrics_split_dir = metrics_dir / split\n'
            '    metrics_filepath = metrics_split_dir / "results.json"\n')
    assert settings_in_path(text, 'with open(metrics_filepath, "w") as f:') == \
        ["split", "model_name", "learning_rate", "dataset_id"]


def test_a_folder_walked_from_a_plain_list_is_still_one_folder():
    text = 'for out_dir in ["results", "backup"]:\n    pass\n'
    assert settings_in_path(text, 'with open(join(out_dir, "metrics.json"), "w") as f:') == []


def test_a_method_call_reads_its_receiver_and_keyword_arguments_bind_nothing():
    text = ('def main(model_id, learning_rate, dataset_id):\n'
            '    model_name = model_id.split("/")[-1]\n'
            '    args = TrainingArguments(\n'
            '        learning_rate=learning_rate,\n'
            '    )\n'
            '    out = RESULTS_DIR / f"{model_name}-lr-{learning_rate}" / dataset_id\n')
    assert settings_in_path(text, 'with open(out / "results.json", "w") as f:') == \
        ["learning_rate", "dataset_id", "model_id"]
