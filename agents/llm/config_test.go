package llm

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestParseLLM(t *testing.T) {
	tests := []struct {
		in, provider, model, wantErr string
	}{
		{"offline", "offline", "", ""},
		{"openai:gpt-4o-mini", "openai", "gpt-4o-mini", ""},
		{"anthropic:claude-sonnet-4-5", "anthropic", "claude-sonnet-4-5", ""},
		{"openai:llama3.1:8b", "openai", "llama3.1:8b", ""},
		{" openai:m ", "openai", "m", ""},
		{"openai", "", "", "want openai:MODEL"},
		{"anthropic:", "", "", "want anthropic:MODEL"},
		{"offline:x", "", "", "offline takes no model"},
		{"gemini:pro", "", "", `unknown provider "gemini"`},
		{"", "", "", "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, m, err := ParseLLM(tt.in)
			checkErr(t, err, tt.wantErr)
			if p != tt.provider || m != tt.model {
				t.Errorf("ParseLLM(%q) = %q, %q", tt.in, p, m)
			}
		})
	}
}

func TestConfigValidate(t *testing.T) {
	base := Config{Provider: "openai", Model: "m", Prices: map[string]Price{"m": {1, 2}}}
	tests := []struct {
		name    string
		edit    func(*Config)
		wantErr string
	}{
		{"valid", func(*Config) {}, ""},
		{"unknown provider", func(c *Config) { c.Provider = "cohere" }, `unknown provider "cohere"`},
		{"offline", func(c *Config) { c.Provider = "offline" }, "built by the loop"},
		{"no model", func(c *Config) { c.Model = "" }, "no model"},
		{"unknown role", func(c *Config) { c.Roles = map[string]Role{"critic": {}} }, `unknown role "critic"`},
		{"role provider", func(c *Config) { c.Roles = map[string]Role{"judge": {Provider: "mistral", Model: "x"}} }, `unknown provider "mistral"`},
		{"role needs model", func(c *Config) { c.Roles = map[string]Role{"judge": {Provider: "anthropic"}} }, "needs a model"},
		{"cap without price", func(c *Config) {
			c.MaxCostUSD = 1
			c.Roles = map[string]Role{"engineer": {Model: "big"}}
		}, `no entry for model "big"`},
		{"cap with prices", func(c *Config) { c.MaxCostUSD = 1 }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base
			tt.edit(&c)
			checkErr(t, c.Validate(), tt.wantErr)
		})
	}
}

func TestConfigJSON(t *testing.T) {
	const text = `{"provider":"openai","model":"gpt-4o-mini","base_url":"http://localhost:8000/v1","api_key":"sk-secret-1234",
	"timeout_s":30,"max_retries":2,"rate_per_min":60,"prices":{"gpt-4o-mini":{"input":0.15,"output":0.6}},"max_cost_usd":2.5,
	"roles":{"engineer":{"provider":"anthropic","model":"claude-sonnet-4-5"}}}`
	var c Config
	if err := json.Unmarshal([]byte(text), &c); err != nil {
		t.Fatal(err)
	}
	if c.APIKey != "sk-secret-1234" || c.Roles["engineer"].Model != "claude-sonnet-4-5" || c.Prices["gpt-4o-mini"].Output != 0.6 {
		t.Fatalf("config = %+v", c)
	}
	out, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "sk-secret") || strings.Contains(fmt.Sprint(c.LogValue()), "sk-secret") {
		t.Errorf("the key is written: %s", out)
	}
	r := c.role(RoleEngineer)
	if r.Provider != "anthropic" || r.BaseURL != "" || r.MaxTokens != 8192 {
		t.Errorf("engineer = %+v: another provider must not inherit the base URL", r)
	}
	if got := c.role(RoleJudge); got.BaseURL != "http://localhost:8000/v1" || got.MaxTokens != 2048 {
		t.Errorf("judge = %+v", got)
	}
}

func TestPriceCost(t *testing.T) {
	p := Price{Input: 3, Output: 15}
	if got := p.Cost(1_000_000, 100_000); got != 4.5 {
		t.Errorf("Cost = %g, want 4.5", got)
	}
}

func ExampleParseLLM() {
	for _, s := range []string{"offline", "openai:llama3.1:8b", "anthropic:claude-sonnet-4-5", "bard:x"} {
		p, m, err := ParseLLM(s)
		fmt.Printf("%q %q %v\n", p, m, err)
	}
	// Output:
	// "offline" "" <nil>
	// "openai" "llama3.1:8b" <nil>
	// "anthropic" "claude-sonnet-4-5" <nil>
	// "" "" llm: unknown provider "bard" in "bard:x": want offline, openai:MODEL or anthropic:MODEL
}
