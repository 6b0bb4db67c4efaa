using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.IntegrationTests.Discord;

/// <summary>
/// A stand-in for Discord's REST API on a loopback port (real Kestrel): records every request and
/// answers the /api/v10 routes the adapter uses (channel messages, interaction webhooks, bulk command
/// overwrite) like Discord does, with X-RateLimit-* headers; tests script 429s, 403s and 404s ahead.
/// </summary>
public sealed class DiscordApiStandIn : IAsyncDisposable
{
    public const string ChannelBucket = "b3f1c0ffee";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<ScriptedResponse> _scripted = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId = 1_300_000_000_000_000_000;

    private DiscordApiStandIn(WebApplication app)
    {
        _app = app;
        app.Run(HandleAsync);
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>What GET /gateway/bot answers as the gateway's URL (a <see cref="DiscordGatewayStandIn"/>); unset answers 404.</summary>
    public Uri? GatewayUrl { get; set; }

    public static async Task<DiscordApiStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var standIn = new DiscordApiStandIn(builder.Build());
        await standIn._app.StartAsync();
        var address = standIn._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.BaseUrl = new Uri(address);
        return standIn;
    }

    /// <summary>Answers the next request whose method matches and whose path (after /api/v10/) starts with <paramref name="pathStart"/>.</summary>
    public void Script(string method, string pathStart, int status, string body, params (string Name, string Value)[] headers)
    {
        lock (_lock)
        {
            _scripted.Add(new ScriptedResponse(method, pathStart, status, body, headers));
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> recorded requests match, or fails after the timeout.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(Func<RecordedRequest, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }

            var found = Requests.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The Discord stand-in saw {found.Count} of {count} expected requests; it saw: {string.Join(", ", Requests.Select(r => r.Method + " " + r.Path))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        string body;
        var files = new List<RecordedFile>();
        if (context.Request.HasFormContentType)
        {
            // A message with files: the JSON is the payload_json part, each file a files[n] part.
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            body = form["payload_json"].ToString();
            foreach (var file in form.Files)
            {
                using var content = new MemoryStream();
                await file.CopyToAsync(content, context.RequestAborted);
                files.Add(new RecordedFile(file.Name, file.FileName, file.ContentType, content.ToArray()));
            }
        }
        else
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var path = context.Request.Path.Value ?? string.Empty;
        var recorded = new RecordedRequest(
            context.Request.Method,
            path,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body)
        {
            Files = files,
        };

        var (status, responseBody, headers) = Respond(recorded);
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(responseBody, context.RequestAborted);

        // Recorded once answered, so a test that sees a request also sees its answer delivered.
        _requests.Enqueue(recorded);
        lock (_lock)
        {
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.SetResult();
        }
    }

    private (int Status, string Body, (string, string)[] Headers) Respond(RecordedRequest request)
    {
        const string prefix = "/api/v10/";
        if (!request.Path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return (404, """{"message": "404: Not Found", "code": 0}""", []);
        }

        var route = request.Path[prefix.Length..];
        lock (_lock)
        {
            var scripted = _scripted.FirstOrDefault(s => s.Method == request.Method && route.StartsWith(s.PathStart, StringComparison.Ordinal));
            if (scripted is not null)
            {
                _scripted.Remove(scripted);
                return (scripted.Status, scripted.Body, scripted.Headers);
            }
        }

        var segments = route.Split('/');
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        return (request.Method, segments) switch
        {
            ("POST", ["channels", var channel, "messages"]) => (200, Message(id, channel, request.Body), ChannelLimitHeaders("4")),
            ("DELETE", ["channels", _, "messages", _]) => (204, string.Empty, []),
            ("GET", ["gateway", "bot"]) when GatewayUrl is { } gateway => (200, GatewayBot(gateway), []),
            ("PATCH", ["webhooks", _, _, "messages", "@original"]) => (200, Message(id, "0", request.Body), []),
            ("POST", ["webhooks", _, _]) => (200, Message(id, "0", request.Body), []),
            ("PUT", ["applications", _, "commands"] or ["applications", _, "guilds", _, "commands"]) => (200, request.Body, []),
            _ => (404, """{"message": "404: Not Found", "code": 0}""", []),
        };
    }

    public static (string, string)[] ChannelLimitHeaders(string remaining, string resetAfter = "1.000") =>
    [
        ("X-RateLimit-Limit", "5"),
        ("X-RateLimit-Remaining", remaining),
        ("X-RateLimit-Reset-After", resetAfter),
        ("X-RateLimit-Bucket", ChannelBucket),
    ];

    // One shard, and plenty of session starts left (https://discord.com/developers/docs/events/gateway#get-gateway-bot).
    private static string GatewayBot(Uri gateway) => JsonSerializer.Serialize(new
    {
        url = gateway.ToString().TrimEnd('/'),
        shards = 1,
        session_start_limit = new { total = 1000, remaining = 999, reset_after = 14_400_000, max_concurrency = 1 },
    });

    // Enough of a message object for the adapter: its id, plus what was sent.
    private static string Message(string id, string channelId, string requestBody)
    {
        using var sent = JsonDocument.Parse(string.IsNullOrEmpty(requestBody) ? "{}" : requestBody);
        var message = new Dictionary<string, object?> { ["id"] = id, ["channel_id"] = channelId };
        foreach (var property in sent.RootElement.EnumerateObject())
        {
            message.TryAdd(property.Name, property.Value.Clone());
        }

        return JsonSerializer.Serialize(message);
    }

    private sealed record ScriptedResponse(string Method, string PathStart, int Status, string Body, (string, string)[] Headers);
}

/// <summary>One request the stand-in received.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The files of a multipart request (empty for JSON).</summary>
    public IReadOnlyList<RecordedFile> Files { get; init; } = [];

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>One file part of a multipart request: its form name (files[n]), file name, type and bytes.</summary>
public sealed record RecordedFile(string Name, string FileName, string ContentType, byte[] Content);
