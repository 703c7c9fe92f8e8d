// Package agents holds ASI-ARCH's roles (Researcher, Engineer, Analyst,
// Judge), their prompt templates and LLM adapters, with an offline default
// so that the search loop runs with no network. It is empty until the agents
// issue lands.
package agents
