package cli

func cmdInstall(env *Env) int {
	return notYet(env, "install", "[flags]", "see the issue tracker: the install command")
}
