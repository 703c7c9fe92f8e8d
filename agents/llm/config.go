package llm

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"sort"
	"strings"
	"time"
)

// Roles, as CallRecord.Role and Config.Roles name them.
const (
	RoleResearcher = "researcher"
	RoleEngineer   = "engineer"
	RoleAnalyst    = "analyst"
	RoleJudge      = "judge"
)

var roleNames = []string{RoleResearcher, RoleEngineer, RoleAnalyst, RoleJudge}

// Providers NewTeam knows.
const (
	OpenAI    = "openai"
	Anthropic = "anthropic"
	Offline   = "offline" // the loop's offline team: ParseLLM accepts it, NewTeam does not build it
)

// Config is the LLM part of a search's configuration. The zero values of
// the numeric fields mean the defaults shown.
type Config struct {
	Provider    string           `json:"provider"`                // "openai" or "anthropic"
	Model       string           `json:"model"`                   // e.g. "gpt-4o-mini", "claude-sonnet-4-5"
	BaseURL     string           `json:"base_url,omitempty"`      // "": $OPENAI_BASE_URL / $ANTHROPIC_BASE_URL, else the API's own
	APIKeyEnv   string           `json:"api_key_env,omitempty"`   // the variable holding the key; "": OPENAI_API_KEY / ANTHROPIC_API_KEY
	APIKey      string           `json:"api_key,omitempty"`       // a key given directly; MarshalJSON never writes it
	TimeoutS    float64          `json:"timeout_s,omitempty"`     // per HTTP attempt, default 120
	MaxRetries  int              `json:"max_retries,omitempty"`   // transport retries per request (429, 5xx, timeouts), default 4; negative: none
	MaxAttempts int              `json:"max_attempts,omitempty"`  // replies per role call (invalid ones retried with the error quoted), default 3
	BackoffS    float64          `json:"backoff_s,omitempty"`     // first backoff, doubled per retry, default 1
	MaxBackoffS float64          `json:"max_backoff_s,omitempty"` // cap on a backoff and on Retry-After, default 60
	RatePerMin  float64          `json:"rate_per_min,omitempty"`  // requests per minute per endpoint; 0: unlimited
	MaxTokens   int              `json:"max_tokens,omitempty"`    // reply budget; 0: per role (engineer 8192, others 2048)
	Temperature *float64         `json:"temperature,omitempty"`   // nil: the server's default
	NoSchema    bool             `json:"no_schema,omitempty"`     // the server lacks structured output: JSON asked for in the prompt only
	Prices      map[string]Price `json:"prices,omitempty"`        // model → price
	MaxCostUSD  float64          `json:"max_cost_usd,omitempty"`  // cost cap over all roles; 0: none
	Roles       map[string]Role  `json:"roles,omitempty"`         // per-role overrides: researcher, engineer, analyst, judge

	Logger     *slog.Logger `json:"-"` // nil: slog.Default()
	HTTPClient *http.Client `json:"-"` // nil: a plain client (each attempt is bounded by TimeoutS)
}

// Role overrides the provider and model (and a few limits) for one role.
type Role struct {
	Provider    string   `json:"provider,omitempty"`
	Model       string   `json:"model,omitempty"`
	BaseURL     string   `json:"base_url,omitempty"`
	APIKeyEnv   string   `json:"api_key_env,omitempty"`
	MaxTokens   int      `json:"max_tokens,omitempty"`
	Temperature *float64 `json:"temperature,omitempty"`
}

// Price is a model's price in USD per million tokens.
type Price struct {
	Input  float64 `json:"input"`  // e.g. 0.15
	Output float64 `json:"output"` // e.g. 0.60
}

// Cost is the price of one call.
func (p Price) Cost(in, out int) float64 {
	return (float64(in)*p.Input + float64(out)*p.Output) / 1e6
}

// MarshalJSON writes the config without api_key, so a stored or logged
// config never carries a key.
func (c Config) MarshalJSON() ([]byte, error) {
	type plain Config
	p := plain(c)
	p.APIKey = ""
	return json.Marshal(p)
}

// LogValue keeps the key out of structured logs.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("provider", c.Provider), slog.String("model", c.Model),
		slog.String("base_url", c.BaseURL), slog.Float64("max_cost_usd", c.MaxCostUSD))
}

// ParseLLM reads an --llm value: "offline", "openai:MODEL" or
// "anthropic:MODEL". The model is everything after the first colon, so
// Ollama names such as "openai:llama3.1:8b" keep theirs.
func ParseLLM(s string) (provider, model string, err error) {
	provider, model, found := strings.Cut(strings.TrimSpace(s), ":")
	switch provider {
	case Offline:
		if found && model != "" {
			return "", "", fmt.Errorf("llm: %q: offline takes no model", s)
		}
		return Offline, "", nil
	case OpenAI, Anthropic:
		if model == "" {
			return "", "", fmt.Errorf("llm: %q: want %s:MODEL", s, provider)
		}
		return provider, model, nil
	case "":
		return "", "", fmt.Errorf("llm: empty --llm value: want offline, openai:MODEL or anthropic:MODEL")
	default:
		return "", "", fmt.Errorf("llm: unknown provider %q in %q: want offline, openai:MODEL or anthropic:MODEL", provider, s)
	}
}

// WithLLM returns the config with provider and model set from an --llm
// value (per-role overrides stay).
func (c Config) WithLLM(s string) (Config, error) {
	p, m, err := ParseLLM(s)
	if err != nil {
		return c, err
	}
	c.Provider, c.Model = p, m
	return c, nil
}

// LoadConfig reads a JSON config file.
func LoadConfig(path string) (Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("llm: %w", err)
	}
	var c Config
	if err := json.Unmarshal(b, &c); err != nil {
		return Config{}, fmt.Errorf("llm: config %s: %w", path, err)
	}
	return c, nil
}

// Validate checks providers, models, roles and prices.
func (c Config) Validate() error {
	if err := checkProvider(c.Provider, "provider"); err != nil {
		return err
	}
	if c.Model == "" {
		return fmt.Errorf("llm: no model for provider %s", c.Provider)
	}
	for _, name := range sortedKeys(c.Roles) {
		if !isRole(name) {
			return fmt.Errorf("llm: roles: unknown role %q (want researcher, engineer, analyst or judge)", name)
		}
		r := c.Roles[name]
		if r.Provider != "" {
			if err := checkProvider(r.Provider, "roles."+name+".provider"); err != nil {
				return err
			}
			if r.Model == "" && r.Provider != c.Provider {
				return fmt.Errorf("llm: roles.%s: provider %s needs a model", name, r.Provider)
			}
		}
	}
	if c.MaxCostUSD < 0 {
		return fmt.Errorf("llm: max_cost_usd %g is negative", c.MaxCostUSD)
	}
	if c.MaxCostUSD > 0 {
		for _, role := range roleNames {
			if m := c.role(role).Model; !hasPrice(c.Prices, m) {
				return fmt.Errorf("llm: max_cost_usd is set but prices has no entry for model %q (%s)", m, role)
			}
		}
	}
	return nil
}

func hasPrice(p map[string]Price, model string) bool {
	_, ok := p[model]
	return ok
}

func checkProvider(p, field string) error {
	switch p {
	case OpenAI, Anthropic:
		return nil
	case Offline:
		return fmt.Errorf("llm: %s %q: the offline team is built by the loop, not by llm.NewTeam", field, p)
	case "":
		return fmt.Errorf("llm: %s is empty: want openai or anthropic", field)
	default:
		return fmt.Errorf("llm: %s: unknown provider %q (want openai or anthropic)", field, p)
	}
}

func isRole(name string) bool {
	for _, r := range roleNames {
		if r == name {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// resolved is one role's effective settings.
type resolved struct {
	Provider, Model, BaseURL, APIKeyEnv string
	MaxTokens                           int
	Temperature                         *float64
}

func (c Config) role(name string) resolved {
	r := resolved{Provider: c.Provider, Model: c.Model, BaseURL: c.BaseURL, APIKeyEnv: c.APIKeyEnv,
		MaxTokens: c.MaxTokens, Temperature: c.Temperature}
	o, ok := c.Roles[name]
	if ok {
		if o.Provider != "" && o.Provider != r.Provider {
			// Another provider: the shared endpoint settings do not apply.
			r = resolved{Provider: o.Provider, MaxTokens: c.MaxTokens, Temperature: c.Temperature}
		}
		if o.Model != "" {
			r.Model = o.Model
		}
		if o.BaseURL != "" {
			r.BaseURL = o.BaseURL
		}
		if o.APIKeyEnv != "" {
			r.APIKeyEnv = o.APIKeyEnv
		}
		if o.MaxTokens > 0 {
			r.MaxTokens = o.MaxTokens
		}
		if o.Temperature != nil {
			r.Temperature = o.Temperature
		}
	}
	if r.MaxTokens <= 0 {
		r.MaxTokens = 2048
		if name == RoleEngineer {
			r.MaxTokens = 8192
		}
	}
	return r
}

// limits are the numeric settings with defaults applied.
type limits struct {
	timeout     time.Duration
	maxRetries  int
	maxAttempts int
	backoff     time.Duration
	maxBackoff  time.Duration
}

func (c Config) limits() limits {
	l := limits{
		timeout:     seconds(c.TimeoutS, 120),
		maxRetries:  c.MaxRetries,
		maxAttempts: c.MaxAttempts,
		backoff:     seconds(c.BackoffS, 1),
		maxBackoff:  seconds(c.MaxBackoffS, 60),
	}
	switch {
	case l.maxRetries == 0:
		l.maxRetries = 4
	case l.maxRetries < 0:
		l.maxRetries = 0
	}
	if l.maxAttempts <= 0 {
		l.maxAttempts = 3
	}
	return l
}

func seconds(s, def float64) time.Duration {
	if s <= 0 {
		s = def
	}
	return time.Duration(s * float64(time.Second))
}
