package cli

func cmdKernel(env *Env) int {
	return notYet(env, "kernel", "[flags]", "see the issue tracker: the kernel command")
}
