package cli

func cmdTrain(env *Env) int {
	return notYet(env, "train", "[flags]", "see the issue tracker: the train command")
}
