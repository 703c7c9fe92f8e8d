package cli

func cmdArch(env *Env) int {
	return notYet(env, "arch", "[flags]", "see the issue tracker: the arch command")
}
