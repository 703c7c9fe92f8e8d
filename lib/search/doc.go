// Package search is the discovery loop: a Researcher proposes a change to
// a parent layer, an Engineer writes it and repairs it from the checks, a
// worker process trains it, a Judge grades it, an Analyst writes the memo
// the next proposal reads, and the best are re-trained at stage 2. A
// notebook drives it one step at a time or leaves it running:
//
//	loop, err := search.Open("runs/s1", &search.Config{Seed: 1}, search.Options{Team: team, Executor: ex})
//	defer loop.Close()
//	e, err := loop.Step(ctx)                                  // one experiment, through to its end
//	err = loop.Run(ctx, search.Budget{Experiments: 20})       // several in flight, then stage 2
//
// or from the shell: archlab search --dir runs/s1 --experiments 20.
//
// # What is stored, and when
//
// The run folder's store (package lib/store) is the truth. Every state
// change of an experiment (proposed, source, checked, queued, running,
// done, failed, rejected) is written before it is acted on, so reopening
// the folder resumes: an experiment found running is re-queued (and
// failed after max_requeue interruptions), one found proposed is written
// again, none is lost or run twice. Every draw of the agents and of the
// parent selection comes from a seed derived from the search seed and the
// experiment's id, so with one worker a search stopped after 4 experiments
// and resumed to 8 stores what an uninterrupted search of 8 stores.
//
// # Fitness and "beats the baseline"
//
// Experiment 1 is the baseline (zoo DeltaNet by default), trained with
// several seeds. Fitness is ASI-ARCH's: σ(6·clip((L_base − L)/(0.1·L_base),
// −1, 1)) for the validation loss, the same shape for the benchmark mean
// (higher is better), and (J − 1)/9 with J = 0.30·performance +
// 0.25·innovation + 0.45·complexity from the Judge; their mean (two terms
// without a judge). Each term is stored apart. An experiment beats the
// baseline under ASI-ARCH's rule when its loss is lower and its benchmark
// mean higher (one run), and under the noise-aware rule when its loss is
// lower by more than noise_k standard errors (Welch, one-sided, the
// baseline's seed spread standing in for a one-seed candidate's) and its
// benchmark mean is not worse by more than noise_k standard errors.
//
// # Parents
//
// Selectors: "asi" (ASI-ARCH's pool: cold start from the baseline, parent
// from the top ranks, references from the next), "islands" (separate
// lineages with migration of the best), "ucb" (upper confidence bound on
// children's fitness), "hgm" (a parent scored by its descendants, as the
// Huxley-Gödel Machine) and "random" (uniform, the control).
package search
