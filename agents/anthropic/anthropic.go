package anthropic

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	sdk "github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/option"
	"github.com/archlab/archlab/agents/llm/chat"
)

// Options configure one endpoint.
type Options struct {
	BaseURL    string       // e.g. "http://localhost:8080"; "": https://api.anthropic.com
	APIKey     string       // sent as x-api-key; never logged or recorded
	HTTPClient *http.Client // nil: a plain http.Client (the caller's context bounds each call)
	NoTools    bool         // ask for JSON in text instead of a forced tool
}

// Provider is an Anthropic Messages endpoint.
type Provider struct {
	client  sdk.Client
	key     string
	noTools bool
}

// New returns a provider for the endpoint. It reads no environment and no
// profile files: the caller resolves BaseURL and APIKey (agents/llm reads
// ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY).
func New(o Options) *Provider {
	hc := o.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	opts := []option.RequestOption{
		option.WithoutEnvironmentDefaults(),
		option.WithHTTPClient(hc),
		option.WithMaxRetries(0),
	}
	if o.APIKey != "" {
		opts = append(opts, option.WithAPIKey(o.APIKey))
	}
	if o.BaseURL != "" {
		opts = append(opts, option.WithBaseURL(o.BaseURL))
	}
	return &Provider{client: sdk.NewClient(opts...), key: o.APIKey, noTools: o.NoTools}
}

// Name returns "anthropic".
func (p *Provider) Name() string { return "anthropic" }

// Params builds the SDK request for req.
func (p *Provider) Params(req chat.Request) sdk.MessageNewParams {
	params := sdk.MessageNewParams{Model: sdk.Model(req.Model), MaxTokens: int64(req.MaxTokens)}
	if req.System != "" {
		params.System = []sdk.TextBlockParam{{Text: req.System}}
	}
	for _, m := range req.Messages {
		if m.Role == chat.Assistant {
			params.Messages = append(params.Messages, sdk.NewAssistantMessage(sdk.NewTextBlock(m.Content)))
		} else {
			params.Messages = append(params.Messages, sdk.NewUserMessage(sdk.NewTextBlock(m.Content)))
		}
	}
	if req.Schema != nil && !p.noTools {
		schema := sdk.ToolInputSchemaParam{ExtraFields: map[string]any{}}
		for k, v := range req.Schema.JSON {
			switch k {
			case "type":
			case "properties":
				schema.Properties = v
			case "required":
				if r, ok := v.([]string); ok {
					schema.Required = r
				} else {
					schema.ExtraFields[k] = v
				}
			default:
				schema.ExtraFields[k] = v
			}
		}
		tool := sdk.ToolUnionParamOfTool(schema, req.Schema.Name)
		if req.Schema.Description != "" {
			tool.OfTool.Description = sdk.String(req.Schema.Description)
		}
		params.Tools = []sdk.ToolUnionParam{tool}
		params.ToolChoice = sdk.ToolChoiceParamOfTool(req.Schema.Name)
	}
	return params
}

// Complete runs one Messages request, with no retries.
func (p *Provider) Complete(ctx context.Context, req chat.Request) (chat.Response, error) {
	var opts []option.RequestOption
	if req.Temperature != nil {
		// This SDK version has no Temperature field; the API still reads it.
		opts = append(opts, option.WithJSONSet("temperature", *req.Temperature))
	}
	msg, err := p.client.Messages.New(ctx, p.Params(req), opts...)
	if err != nil {
		return chat.Response{}, p.wrap(err)
	}
	resp := chat.Response{
		ID:        msg.ID,
		Model:     msg.Model,
		RawStop:   string(msg.StopReason),
		TokensIn:  int(msg.Usage.InputTokens),
		TokensOut: int(msg.Usage.OutputTokens),
	}
	var text strings.Builder
	tool := ""
	for _, b := range msg.Content {
		switch b.Type {
		case "text":
			text.WriteString(b.Text)
		case "tool_use":
			if req.Schema != nil && b.Name == req.Schema.Name && tool == "" {
				tool = string(b.Input)
			}
		}
	}
	resp.Text = text.String()
	if tool != "" {
		resp.Text = tool
	}
	switch msg.StopReason {
	case sdk.StopReasonEndTurn, sdk.StopReasonToolUse, sdk.StopReasonStopSequence:
		resp.Stop = chat.StopEnd
	case sdk.StopReasonMaxTokens, sdk.StopReasonModelContextWindowExceeded:
		resp.Stop = chat.StopLength
	case sdk.StopReasonRefusal:
		resp.Stop, resp.Refusal = chat.StopRefusal, text.String()
	case "":
		return chat.Response{}, fmt.Errorf("anthropic: reply %s has no stop_reason: %w", msg.ID, chat.ErrMalformed)
	default:
		resp.Stop = chat.StopOther
	}
	return resp, nil
}

func (p *Provider) wrap(err error) error {
	var ae *sdk.Error
	if errors.As(err, &ae) {
		se := &chat.StatusError{Provider: "anthropic", Status: ae.StatusCode}
		if ae.Response != nil {
			se.RetryAfter = chat.ParseRetryAfter(ae.Response.Header, time.Now())
		}
		se.Message = chat.Clip(chat.Redact(ae.RawJSON(), p.key), 500)
		return se
	}
	return chat.TransportError("anthropic", err, p.key)
}
