using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Infrastructure;

/// <summary>
/// An OpenAI-compatible chat completions endpoint on loopback that answers from a script and
/// records every request body, so tests can count model calls and read what was sent.
/// </summary>
public sealed class ModelStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private readonly ConcurrentQueue<JsonNode> _requests = new();
    private readonly ConcurrentDictionary<string, HttpStatusCode> _failures = new(StringComparer.Ordinal);

    private ModelStandIn(WebApplication app) => _app = app;

    /// <summary>The base URL to give AI:Endpoint (…/v1/).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<JsonNode> Requests => _requests.ToList();

    /// <summary>
    /// Answers a request the script has no entry for: the text it returns from the request body, or null for
    /// the empty-script error. For answers that depend on what was asked, in whatever order the calls come.
    /// </summary>
    public Func<JsonNode, string?>? Answerer { get; set; }

    /// <summary>Answers without a "usage" object, as some local servers and proxies do.</summary>
    public bool OmitUsage { get; set; }

    public static async Task<ModelStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new ModelStandIn(app);
        app.MapPost("/v1/chat/completions", standIn.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        standIn.BaseUrl = new Uri(address + "/v1/");
        return standIn;
    }

    /// <summary>Next response: the model asks to call one function with these arguments.</summary>
    public void EnqueueToolCall(string functionName, object arguments) => EnqueueToolCalls(functionName, arguments);

    /// <summary>Next response: the model asks, in one message, to call the function once per set of arguments.</summary>
    public void EnqueueToolCalls(string functionName, params object[] arguments) => _script.Enqueue(context => WriteAsync(context, new JsonObject
    {
        ["role"] = "assistant",
        ["content"] = null,
        ["tool_calls"] = new JsonArray(arguments.Select(a => (JsonNode)new JsonObject
        {
            ["id"] = "call_" + Guid.NewGuid().ToString("N")[..8],
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = functionName, ["arguments"] = JsonSerializer.Serialize(a) },
        }).ToArray()),
    }, "tool_calls"));

    /// <summary>Next response: the model's final text.</summary>
    public void EnqueueAnswer(string text) => _script.Enqueue(context => WriteAsync(context, new JsonObject
    {
        ["role"] = "assistant",
        ["content"] = text,
    }, "stop"));

    /// <summary>Next response: an error status, e.g. 429 with Retry-After.</summary>
    public void EnqueueStatus(HttpStatusCode status, string? retryAfterSeconds = null) => _script.Enqueue(async context =>
    {
        context.Response.StatusCode = (int)status;
        if (retryAfterSeconds is not null)
        {
            context.Response.Headers.RetryAfter = retryAfterSeconds;
        }

        await context.Response.WriteAsJsonAsync(new { error = new { message = "scripted " + (int)status, type = "rate_limit_error" } });
    });

    /// <summary>
    /// Every request whose body contains <paramref name="marker"/> is answered with <paramref name="status"/>
    /// (e.g. 400, as a provider's content filter answers), before and without touching the script.
    /// </summary>
    public void FailWhenRequestContains(string marker, HttpStatusCode status) => _failures[marker] = status;

    /// <summary>Next response: the model's final text, sent only once <paramref name="release"/> completes.</summary>
    public void EnqueueHeldAnswer(string text, Task release) => _script.Enqueue(async context =>
    {
        await release.WaitAsync(context.RequestAborted);
        await WriteAsync(context, new JsonObject { ["role"] = "assistant", ["content"] = text }, "stop");
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body))!;
        _requests.Enqueue(request);
        var body = request.ToJsonString();
        if (_failures.FirstOrDefault(f => body.Contains(f.Key, StringComparison.Ordinal)) is { Key: not null } failure)
        {
            context.Response.StatusCode = (int)failure.Value;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "scripted refusal", type = "invalid_request_error", code = "content_filter" } });
            return;
        }

        if (!_script.TryDequeue(out var respond) && Answerer?.Invoke(request) is { } answer)
        {
            await WriteAsync(context, new JsonObject { ["role"] = "assistant", ["content"] = answer }, "stop");
            return;
        }

        if (respond is null)
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "the stand-in's script is empty" } });
            return;
        }

        await respond(context);
    }

    private Task WriteAsync(HttpContext context, JsonObject message, string finishReason)
    {
        var body = new JsonObject
        {
            ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N")[..8],
            ["object"] = "chat.completion",
            ["created"] = 1_763_856_000,
            ["model"] = "test-model",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
        };
        if (!OmitUsage)
        {
            body["usage"] = new JsonObject { ["prompt_tokens"] = 120, ["completion_tokens"] = 30, ["total_tokens"] = 150 };
        }

        return context.Response.WriteAsJsonAsync(body);
    }
}
