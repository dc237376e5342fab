from __future__ import annotations

from types import SimpleNamespace

from hygiene.analysis.purpose import CallSignals, file_purpose, in_data_folder, makes_data


def signals(*calls: tuple[str, str | None]) -> CallSignals:
    found = CallSignals()
    for tail, name in calls:
        found.see(tail, name)
    return found


def test_data_builders_by_folder_and_by_name():
    assert in_data_folder("evals/registry/data/mazes/gen.py") and makes_data("evals/registry/data/mazes/gen.py")
    assert makes_data("scripts/diagonal_dataset_creation.py") and makes_data("make_samples.py")
    assert not makes_data("data.py") and not makes_data("src/train.py") and not makes_data("make_plots.py")
    # held-out set 10: a course's annotation-set builder, a notebook that draws and saves removal masks
    assert makes_data("v1/4_evaluation/project/annotate_dataset.py")
    assert makes_data("contrib/v1/imagenet/create_random_train_bool_mask.ipynb")
    assert not makes_data("models/masked_attention.py") and not makes_data("annotate.py")


def test_a_script_reports_when_it_trains_or_measures():
    assert file_purpose("train.py", signals(("backward", None))) == "reports"
    assert file_purpose("eval.py", signals(("accuracy_score", "sklearn.metrics.accuracy_score"))) == "reports"
    assert file_purpose("show.py", signals(("hist", "matplotlib.pyplot.hist"))) == "shows"
    assert file_purpose("run.py", signals(("sample", "random.sample"))) == ""
    assert file_purpose("data/gen.py", signals(("accuracy", None))) == "data"  # a data builder's "eval" words
    assert file_purpose("push.py", signals(("push_to_hub", None), ("fit", None))) == "data"
    assert file_purpose("examples/train.py", signals(("backward", None))) == "shows"
    # teaching material: a folder named for a tutorial or a course (held-out set 12, keras-tutorial/)
    assert file_purpose("deep-learning/keras-tutorial/intro.py", signals(("backward", None))) == "shows"
    assert file_purpose("ml_course/lesson.py", signals(("backward", None))) == "shows"
    assert file_purpose("tutorialized/train.py", signals(("backward", None))) == "reports"  # words, not substrings


def test_a_notebook_reports_only_what_it_measures_and_a_chapter_only_shows():
    code = SimpleNamespace(cell_type="code", source="model.fit(X, y)\nprint(accuracy_score(y, model.predict(X)))")
    prose = SimpleNamespace(cell_type="markdown", source="word " * 50)
    measures = signals(("fit", None), ("accuracy_score", "sklearn.metrics.accuracy_score"))
    assert file_purpose("a.ipynb", measures, SimpleNamespace(cells=[code])) == "reports"
    assert file_purpose("a.ipynb", measures, SimpleNamespace(cells=[prose, code])) == "shows"
    assert file_purpose("a.ipynb", signals(("fit", None)), SimpleNamespace(cells=[code])) == "shows"
    manual = CallSignals()
    manual.see_target("val_acc")
    assert file_purpose("a.ipynb", manual, SimpleNamespace(cells=[code])) == "reports"
    plotted = CallSignals()
    plotted.see_target("noise")
    assert file_purpose("a.ipynb", plotted, SimpleNamespace(cells=[code])) == "shows"
    own = CallSignals()
    own.see("compute_mse", "nb.compute_mse", own=True)
    assert not own.measures


def test_a_file_named_for_figures_is_told_apart_from_an_analysis():
    from hygiene.analysis.purpose import named_for_figures

    assert named_for_figures("notebooks/Plotting_old.ipynb")
    assert named_for_figures("scripts/make_figures.py")
    assert not named_for_figures("analysis.ipynb")
    assert not named_for_figures("src/configure.py")  # words, not substrings ("fig" in "configure")
    assert not named_for_figures("src/config.py")
    # a script in a folder kept for plotting (set 18: `plotting_utils/experiments/<name>/<date>-regress-attack-scaling.py`)
    assert named_for_figures("robust/plotting_utils/experiments/a/2024-09-27-regress-attack-scaling.py")
    assert named_for_figures("figures/attack_rates.py")
    assert not named_for_figures("configs/experiments/attack_rates.py")  # near miss: no figure word in any folder


def test_a_script_that_only_reshapes_data_into_files_makes_data():
    # Load, split, write train.json / test.json: the split is made once and reused.
    writes = (("load_dataset", "datasets.load_dataset"), ("train_test_split", None), ("dump", "json.dump"))
    assert file_purpose("spin/reformat.py", signals(*writes)) == "data"
    # Logging an error and raising ValueError measure nothing.
    assert file_purpose("reformat.py", signals(*writes, ("error", "logging.error"), ("ValueError", "builtins.ValueError"))) == "data"
    # Near misses: a script that queries a model writes its outputs (results, what is scored: it
    # reports); one that scores them reports.
    assert file_purpose("gen.py", signals(*writes, ("create", "openai.OpenAI().chat.completions.create"))) == "reports"
    assert file_purpose("score.py", signals(*writes, ("f1_score", "sklearn.metrics.f1_score"))) == "reports"
    assert file_purpose("plot.py", signals(*writes, ("hist", "matplotlib.pyplot.hist"))) == "shows"


def test_a_script_that_runs_a_model_only_to_save_arrays_builds_features():
    extracts = signals(("from_pretrained", "transformers.AutoModel.from_pretrained"), ("forward", None),
                       ("save", "numpy.save"))
    assert file_purpose("get_activations.py", extracts) == "data"
    answers = signals(("generate", None), ("save", "numpy.save"))
    assert file_purpose("sample.py", answers) == "reports"  # sampled answers saved: model output, not features
    scored = signals(("forward", None), ("save", "numpy.save"), ("accuracy_score", "sklearn.metrics.accuracy_score"))
    assert file_purpose("probe.py", scored) == "reports"
    assert file_purpose("cache.py", signals(("save", "torch.save"))) == ""  # (a checkpoint, not numpy arrays)
    assert file_purpose("split.py", signals(("load", "numpy.load"), ("save", "numpy.save"))) == ""  # no model run


def test_a_template_with_placeholder_paths_only_shows():
    from hygiene.analysis.purpose import placeholder_path
    assert placeholder_path("'PATH/TO/DATA/FILE'") and placeholder_path('"/path/to/train.csv"')
    assert placeholder_path("'<your data>'") and placeholder_path("'YOUR_DATA_PATH'")
    assert not placeholder_path("'data/train.csv'") and not placeholder_path("'pathology.csv'")
    assert not placeholder_path("'your_results.json'")
    template = signals(("fit", None))
    template.template = True
    assert file_purpose("tpot_exported_pipeline.py", template) == "shows"


def test_an_export_script_exports_unless_it_trains_or_measures():
    assert file_purpose("scripts/export_onnx.py", signals(("export", "torch.onnx.export"))) == "exports"
    assert file_purpose("trace.py", signals(("trace", "torch.jit.trace"), ("randn", "torch.randn"))) == "exports"
    assert file_purpose("train.py", signals(("backward", None), ("export", "torch.onnx.export"))) == "reports"
    assert file_purpose("run.py", signals(("export", "myproject.export"))) == ""  # a repo function named export


def test_distances_and_similarities_are_features_not_a_measurement():
    similarity = signals(("cosine_similarity", "sklearn.metrics.pairwise.cosine_similarity"),
                         ("pairwise_distances", "sklearn.metrics.pairwise_distances"))
    assert not similarity.measures
    assert signals(("f1_score", "sklearn.metrics.f1_score")).measures


def test_a_script_that_times_a_model_on_made_up_inputs_times():
    timed = signals(("backward", None), ("time", "time.time"))
    assert file_purpose("bench.py", timed) == "times"
    assert file_purpose("bench.py", signals(("backward", None), ("time", "time.time"), ("load", "numpy.load"))) == "reports"
    assert file_purpose("bench.py", signals(("backward", None), ("load", "numpy.load"))) == "reports"  # near miss
    flops = signals(("forward", None), ("FlopCounterMode", "torch.utils.flop_counter.FlopCounterMode"))
    assert file_purpose("count.py", flops) == "times"


def test_a_noun_and_gen_in_one_word_name_a_data_builder():
    assert makes_data("evalplus/inputgen.py") and makes_data("tools/datagen.py")
    assert not makes_data("src/regen.py") and not makes_data("oxygen.py") and not makes_data("inputs.py")


def _result_scopes(*events: tuple[str, str, str | None]) -> dict[str, str]:
    """`("call"|"target", name, qualified name)` seen in the scope `"m.f"`."""
    found = CallSignals()
    for kind, tail, name in events:
        if kind == "call":
            found.see(tail, name, where=lambda: "m.f")
        else:
            found.see_target(tail, lambda: "m.f")
    file_purpose("x.py", found)
    return found.result_scopes()


def test_a_training_statistic_is_no_result_but_an_evaluation_is():
    # a GAN's discriminator accuracy or an RL episode score printed as the model trains
    assert _result_scopes(("call", "backward", None), ("target", "d_acc", None)) == {}
    assert _result_scopes(("call", "step", None), ("target", "score", None)) == {}
    # losses are not metrics of a result, nor is an enum member named MSE or an exception class
    assert _result_scopes(("call", "step", None), ("call", "CrossEntropyLoss", "torch.nn.CrossEntropyLoss"),
                          ("target", "score", None)) == {}
    assert _result_scopes(("target", "MSE", None), ("call", "ArgumentTypeError", "argparse.ArgumentTypeError")) == {}
    # the same statistics beside an evaluation step, a metric call or a held-out metric are results
    assert _result_scopes(("call", "step", None), ("target", "score", None), ("call", "test", "main.test")) \
        == {"m.f": "metric"}
    assert _result_scopes(("call", "backward", None), ("call", "accuracy_score", "sklearn.metrics.accuracy_score")) \
        == {"m.f": "metric"}
    assert _result_scopes(("call", "backward", None), ("target", "test_acc", None)) == {"m.f": "metric"}
    # with nothing trained, any metric is the file's result (a scorer); a generation step's answers too
    assert _result_scopes(("target", "acc", None)) == {"m.f": "metric"}
    assert _result_scopes(("call", "generate", None)) == {"m.f": "answers"}


def test_evaluating_an_expression_is_no_evaluation_step():
    assert _result_scopes(("call", "backward", None), ("target", "acc", None),
                          ("call", "eval_with_timeout", "calculator.eval_with_timeout")) == {}
    assert _result_scopes(("call", "backward", None), ("target", "acc", None), ("call", "eval", None)) == {}
    assert _result_scopes(("call", "backward", None), ("target", "acc", None),
                          ("call", "evaluate_episode", "dt.evaluate_episode")) == {"m.f": "metric"}


def test_numbers_written_down_or_logged_from_an_evaluation_are_results():
    # a Q-learning run whose mean return is printed as JSON at the end
    assert _result_scopes(("call", "step", None), ("call", "dumps", "json.dumps")) == {"m.f": "metric"}
    # a tracker's log counts in an evaluation's scope (Lightning's `validation_step`), not in training's
    found = CallSignals()
    found.see("backward", None, where=lambda: "m.Net.training_step")
    found.see("log", None, where=lambda: "m.Net.training_step")
    file_purpose("m.py", found)
    assert found.result_scopes() == {}
    found.see("log", None, where=lambda: "m.Net.validation_step")
    file_purpose("m.py", found)
    assert found.result_scopes() == {"m.Net.validation_step": "metric"}


def test_a_script_that_prints_a_held_out_metric_reports_though_it_times_its_epochs():
    # issue 10: a neural-operator script times each epoch (`default_timer`) and prints its test L2 on
    # made-up PDE data it never reads from a file: it reports the test L2, it is no timing run
    timed = signals(("backward", None), ("perf_counter", "time.perf_counter"))
    timed.see_target("test_l2")
    assert file_purpose("fourier_2d.py", timed) == "reports"
    # near miss: a script that times a model on made-up inputs and prints only seconds
    assert file_purpose("bench.py", signals(("backward", None), ("perf_counter", "time.perf_counter"))) == "times"
    # a running sum of a held-out loss counts (`test_loss += loss.item()`), a training loss does not
    from hygiene.analysis.held_out import held_out_quantity
    assert held_out_quantity("test_loss") and held_out_quantity("valAcc") and held_out_quantity("eval_return")
    assert not held_out_quantity("train_loss") and not held_out_quantity("loss") and not held_out_quantity("test_time")


def test_an_rl_environment_is_the_data_a_program_reads():
    # a PPO script makes its environment, trains, and prints steps per second: it is no timing run
    rl = signals(("make", "gym.make"), ("backward", None), ("time", "time.time"))
    assert rl.reads and file_purpose("ppo.py", rl) == "reports"
    assert not signals(("make", "factory.make"), ("backward", None)).reads  # near miss: another `make`


def test_a_notebook_that_scores_held_out_data_reports_though_it_is_prose_and_figures():
    code = SimpleNamespace(cell_type="code", source="model.fit(Xtrain, ytrain)\nprint(report(ypred, ytest))")
    prose = SimpleNamespace(cell_type="markdown", source="word " * 50)
    held_out = CallSignals()
    held_out.see("fit", None)
    held_out.see("classification_report", "sklearn.metrics.classification_report", args=lambda: "classification_report(ypred, ytest)")
    for _ in range(5):
        held_out.see("savefig", "matplotlib.pyplot.savefig")
    assert file_purpose("05.08-Random-Forests.ipynb", held_out, SimpleNamespace(cells=[prose, code])) == "reports"
    # near miss: the same chapter scoring its training data only shows
    train_only = CallSignals()
    train_only.see("fit", None)
    train_only.see("accuracy_score", "sklearn.metrics.accuracy_score", args=lambda: "accuracy_score(y, model.predict(X))")
    assert file_purpose("05.08-Random-Forests.ipynb", train_only, SimpleNamespace(cells=[prose, code])) == "shows"


def test_counting_predictions_equal_to_a_gold_answer_is_scoring():
    from hygiene.analysis.held_out import counts_matches

    assert counts_matches("pred == e['answer']", ["succ += 1"])
    assert counts_matches("output.strip() == example.label", ["hits += 1", "continue"])
    # near misses: a count that compares no gold answer, a comparison that counts nothing
    assert not counts_matches("len(batch) == size", ["full += 1"])
    assert not counts_matches("pred == e['answer']", ["seen.append(pred)"])


def test_an_evaluation_step_tells_a_training_run_from_a_timing_but_not_a_chapter_from_its_results():
    # `kde.evaluate(grid)` in a prose chapter on histograms: a function evaluated for a figure
    code = SimpleNamespace(cell_type="code", source="Z = kde.evaluate(grid)")
    prose = SimpleNamespace(cell_type="markdown", source="word " * 50)
    kde = CallSignals()
    kde.see("evaluate", "scipy.stats.gaussian_kde.evaluate")
    assert file_purpose("04.05-Histograms-and-Binnings.ipynb", kde, SimpleNamespace(cells=[prose, code])) == "shows"
    # near miss: a training script that calls its `test(epoch)` step and times its epochs reports
    timed = signals(("backward", None), ("perf_counter", "time.perf_counter"), ("test", "main.test"))
    assert file_purpose("main.py", timed) == "reports"


def test_order_of_a_demo_is_a_question() -> None:
    """Held-out set 25 (a TTS repository's `Demo/Inference_LibriTTS.ipynb`): the first three speaker folders of a
    listing picked to synthesise and play; a demo's pick is no reported number. A plain training script is not a demo."""
    from hygiene.analysis.order_purpose import demo, order_ask
    assert demo("Demo/Inference_LibriTTS.ipynb") and demo("demos/run.py") and demo("tts_demo.py")
    assert "demo" in order_ask("Demo/Inference_LibriTTS.ipynb", None)
    assert not demo("train.py") and not demo("democracy/votes.py") and order_ask("src/train.py", "main") == ""
