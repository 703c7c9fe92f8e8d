package cli

func cmdDoctor(env *Env) int {
	return notYet(env, "doctor", "", "check the set-up")
}
