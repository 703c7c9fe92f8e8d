package openai

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/archlab/archlab/agents/llm/chat"
	sdk "github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/shared"
)

// Options configure one endpoint.
type Options struct {
	BaseURL    string       // e.g. "http://localhost:8000/v1"; "": https://api.openai.com/v1
	APIKey     string       // sent as a bearer token; never logged or recorded
	HTTPClient *http.Client // nil: a plain http.Client (the caller's context bounds each call)
	NoSchema   bool         // the server has no response_format json_schema: JSON is asked for in the prompt only
	// MaxTokensField names the reply budget's field: "max_completion_tokens"
	// (OpenAI's current name) or "max_tokens" (what most compatible servers
	// read). "": max_completion_tokens for OpenAI itself (no BaseURL),
	// max_tokens for any other server.
	MaxTokensField string
}

// Provider is an OpenAI-compatible Chat Completions endpoint.
type Provider struct {
	client    sdk.Client
	key       string
	noSchema  bool
	legacyMax bool
}

// New returns a provider for the endpoint. It reads no environment: the
// caller resolves BaseURL and APIKey (agents/llm reads OPENAI_BASE_URL and
// OPENAI_API_KEY).
func New(o Options) *Provider {
	hc := o.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	opts := []option.RequestOption{
		option.WithHTTPClient(hc),
		option.WithMaxRetries(0),
		option.WithAPIKey(o.APIKey),
	}
	if o.BaseURL != "" {
		opts = append(opts, option.WithBaseURL(o.BaseURL))
	}
	legacy := o.MaxTokensField == "max_tokens" || (o.MaxTokensField == "" && o.BaseURL != "")
	return &Provider{client: sdk.NewClient(opts...), key: o.APIKey, noSchema: o.NoSchema, legacyMax: legacy}
}

// Name returns "openai".
func (p *Provider) Name() string { return "openai" }

// Params builds the SDK request for req (exported for tests and for
// callers that want to see what is sent).
func (p *Provider) Params(req chat.Request) sdk.ChatCompletionNewParams {
	params := sdk.ChatCompletionNewParams{Model: shared.ChatModel(req.Model)}
	if req.System != "" {
		params.Messages = append(params.Messages, sdk.SystemMessage(req.System))
	}
	for _, m := range req.Messages {
		if m.Role == chat.Assistant {
			params.Messages = append(params.Messages, sdk.AssistantMessage(m.Content))
		} else {
			params.Messages = append(params.Messages, sdk.UserMessage(m.Content))
		}
	}
	if req.MaxTokens > 0 {
		if p.legacyMax {
			params.MaxTokens = sdk.Int(int64(req.MaxTokens))
		} else {
			params.MaxCompletionTokens = sdk.Int(int64(req.MaxTokens))
		}
	}
	if req.Temperature != nil {
		params.Temperature = sdk.Float(*req.Temperature)
	}
	if req.Seed != 0 {
		params.Seed = sdk.Int(int64(req.Seed & (1<<63 - 1)))
	}
	if req.Schema != nil && !p.noSchema {
		js := shared.ResponseFormatJSONSchemaJSONSchemaParam{
			Name:   req.Schema.Name,
			Strict: sdk.Bool(true),
			Schema: req.Schema.JSON,
		}
		if req.Schema.Description != "" {
			js.Description = sdk.String(req.Schema.Description)
		}
		params.ResponseFormat = sdk.ChatCompletionNewParamsResponseFormatUnion{
			OfJSONSchema: &shared.ResponseFormatJSONSchemaParam{JSONSchema: js},
		}
	}
	return params
}

// Complete runs one chat completion, with no retries.
func (p *Provider) Complete(ctx context.Context, req chat.Request) (chat.Response, error) {
	comp, err := p.client.Chat.Completions.New(ctx, p.Params(req))
	if err != nil {
		return chat.Response{}, p.wrap(err)
	}
	if len(comp.Choices) == 0 {
		return chat.Response{}, fmt.Errorf("openai: reply %s has no choices: %w", comp.ID, chat.ErrMalformed)
	}
	c := comp.Choices[0]
	resp := chat.Response{
		ID:        comp.ID,
		Model:     comp.Model,
		Text:      c.Message.Content,
		RawStop:   c.FinishReason,
		TokensIn:  int(comp.Usage.PromptTokens),
		TokensOut: int(comp.Usage.CompletionTokens),
	}
	switch {
	case c.Message.Refusal != "":
		resp.Stop, resp.Refusal = chat.StopRefusal, c.Message.Refusal
	case c.FinishReason == "stop" || c.FinishReason == "tool_calls" || c.FinishReason == "":
		resp.Stop = chat.StopEnd
	case c.FinishReason == "length":
		resp.Stop = chat.StopLength
	default:
		resp.Stop = chat.StopOther
	}
	return resp, nil
}

// wrap turns an SDK error into a *chat.StatusError (HTTP status) or a
// redacted transport error that still unwraps to the cause.
func (p *Provider) wrap(err error) error {
	var ae *sdk.Error
	if errors.As(err, &ae) {
		se := &chat.StatusError{Provider: "openai", Status: ae.StatusCode}
		if ae.Response != nil {
			se.RetryAfter = chat.ParseRetryAfter(ae.Response.Header, time.Now())
		}
		msg := ae.Message
		if msg == "" {
			msg = ae.RawJSON()
		}
		se.Message = chat.Clip(chat.Redact(msg, p.key), 500)
		return se
	}
	return chat.TransportError("openai", err, p.key)
}
