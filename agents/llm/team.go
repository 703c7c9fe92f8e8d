package llm

import (
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/archlab/archlab/agents"
	"github.com/archlab/archlab/agents/anthropic"
	"github.com/archlab/archlab/agents/llm/chat"
	"github.com/archlab/archlab/agents/openai"
)

// Provider is the contract an LLM endpoint implements (see package chat).
type Provider = chat.Provider

// Environment variables read when the config does not name others.
const (
	EnvOpenAIKey     = "OPENAI_API_KEY"
	EnvOpenAIBase    = "OPENAI_BASE_URL"
	EnvAnthropicKey  = "ANTHROPIC_API_KEY"
	EnvAnthropicBase = "ANTHROPIC_BASE_URL"
)

// NewTeam builds the four LLM roles from cfg: one client and one rate
// limiter per endpoint, one cost budget for the team. Every call goes to
// rec (nil: not recorded). Keys come from cfg.APIKey, else the variable
// cfg.APIKeyEnv names, else OPENAI_API_KEY / ANTHROPIC_API_KEY; base URLs
// from cfg.BaseURL, else OPENAI_BASE_URL / ANTHROPIC_BASE_URL.
func NewTeam(cfg Config, rec agents.Recorder) (agents.Team, error) {
	if err := cfg.Validate(); err != nil {
		return agents.Team{}, err
	}
	type endpoint struct {
		p   chat.Provider
		lim *limiter
	}
	endpoints := map[string]endpoint{}
	var secrets []string
	return build(cfg, rec, &secrets, func(role string, r resolved) (chat.Provider, *limiter, error) {
		base, key, err := r.endpoint(cfg.APIKey)
		if err != nil {
			return nil, nil, fmt.Errorf("llm: %s: %w", role, err)
		}
		id := r.Provider + " " + base + " " + r.APIKeyEnv
		if e, ok := endpoints[id]; ok {
			return e.p, e.lim, nil
		}
		if key != "" {
			secrets = append(secrets, key)
		}
		var p chat.Provider
		switch r.Provider {
		case OpenAI:
			p = openai.New(openai.Options{BaseURL: base, APIKey: key, HTTPClient: cfg.HTTPClient, NoSchema: cfg.NoSchema})
		case Anthropic:
			p = anthropic.New(anthropic.Options{BaseURL: base, APIKey: key, HTTPClient: cfg.HTTPClient, NoTools: cfg.NoSchema})
		default:
			return nil, nil, fmt.Errorf("llm: %s: unknown provider %q", role, r.Provider)
		}
		e := endpoint{p, newLimiter(cfg.RatePerMin)}
		endpoints[id] = e
		return e.p, e.lim, nil
	})
}

// NewTeamWith builds the four roles over one provider (agents/replay, or a
// test double), with the models, limits and prices of cfg. cfg.Provider
// may name any provider; base URLs and keys are not used.
func NewTeamWith(cfg Config, rec agents.Recorder, p Provider) (agents.Team, error) {
	if cfg.Provider == "" {
		cfg.Provider = p.Name()
	}
	if cfg.Model == "" {
		return agents.Team{}, fmt.Errorf("llm: no model")
	}
	for _, name := range sortedKeys(cfg.Roles) {
		if !isRole(name) {
			return agents.Team{}, fmt.Errorf("llm: roles: unknown role %q (want researcher, engineer, analyst or judge)", name)
		}
	}
	lim := newLimiter(cfg.RatePerMin)
	var secrets []string
	return build(cfg, rec, &secrets, func(string, resolved) (chat.Provider, *limiter, error) { return p, lim, nil })
}

// endpoint resolves the base URL and key of a role's provider.
func (r resolved) endpoint(cfgKey string) (base, key string, err error) {
	keyEnv, baseEnv := EnvOpenAIKey, EnvOpenAIBase
	if r.Provider == Anthropic {
		keyEnv, baseEnv = EnvAnthropicKey, EnvAnthropicBase
	}
	if r.APIKeyEnv != "" {
		keyEnv = r.APIKeyEnv
	}
	base = r.BaseURL
	if base == "" {
		base = os.Getenv(baseEnv)
	}
	key = cfgKey
	if key == "" {
		key = os.Getenv(keyEnv)
	}
	if key == "" && base == "" {
		return "", "", fmt.Errorf("%s: no API key: set %s (or api_key_env), or base_url for a local server", r.Provider, keyEnv)
	}
	return base, key, nil
}

func build(cfg Config, rec agents.Recorder, secrets *[]string, provider func(string, resolved) (chat.Provider, *limiter, error)) (agents.Team, error) {
	pr, err := loadPrompts()
	if err != nil {
		return agents.Team{}, err
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	sh := &shared{
		rec: rec, log: log, lim: cfg.limits(), prices: cfg.Prices,
		budget: &budget{max: cfg.MaxCostUSD}, prompts: pr, now: time.Now,
	}
	callers := map[string]*caller{}
	var others []string
	for _, role := range roleNames {
		r := cfg.role(role)
		p, lim, err := provider(role, r)
		if err != nil {
			return agents.Team{}, err
		}
		callers[role] = &caller{shared: sh, role: role, provider: p, limiter: lim,
			model: r.Model, maxTokens: r.MaxTokens, temperature: r.Temperature}
		if r.Provider != cfg.Provider || r.Model != cfg.Model {
			others = append(others, role+"="+r.Provider+":"+r.Model)
		}
	}
	sh.secrets = *secrets
	name := cfg.Provider + ":" + cfg.Model
	if len(others) > 0 {
		name += " (" + strings.Join(others, ", ") + ")"
	}
	return agents.Team{
		Name:       name,
		Researcher: researcher{callers[RoleResearcher]},
		Engineer:   engineer{callers[RoleEngineer]},
		Analyst:    analyst{callers[RoleAnalyst]},
		Judge:      judge{callers[RoleJudge]},
	}, nil
}
