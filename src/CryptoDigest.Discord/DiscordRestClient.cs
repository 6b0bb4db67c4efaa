using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Discord;

/// <summary>
/// Discord's REST API (https://discord.com/developers/docs/reference) through a typed HttpClient whose
/// base address ends in /api/v10/ and whose User-Agent is "DiscordBot (url, version)". Every call waits
/// for its bucket and, with the bot token, for the global limit; a 429 is waited out (retry_after) and
/// retried; 401, 403 and 429 responses are counted so the process stops before Discord's invalid-request ban.
/// </summary>
public sealed partial class DiscordRestClient(
    HttpClient http,
    DiscordRateLimiter limiter,
    IOptions<DiscordOptions> options,
    ILogger<DiscordRestClient> logger)
{
    public const string ProjectUrl = "https://github.com/cryptodigest/cryptodigest";
    public static readonly string UserAgent = $"DiscordBot ({ProjectUrl}, {typeof(DiscordRestClient).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"})";

    private const int MaxAttempts = 4;

    // A job that would wait longer than this is better failed and retried later by its scheduler.
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>Sends one request (JSON body optional) and returns Discord's answer; never throws for an HTTP status.</summary>
    public async Task<DiscordResponse> SendAsync(HttpMethod method, DiscordRoute route, object? body, CancellationToken cancellationToken)
    {
        var botToken = options.Value.BotToken;
        if (route.UsesBotToken && string.IsNullOrWhiteSpace(botToken))
        {
            return DiscordResponse.NotSent("Discord:BotToken is not set, so the bot cannot call " + route.Template);
        }

        var routeKey = $"{method.Method} {route.Template} {route.MajorParameter}";
        var gate = limiter.GateFor(routeKey);
        await gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                if (RefusalBeforeSending(route) is { } refused)
                {
                    return refused;
                }

                await WaitForLimitsAsync(route, routeKey, cancellationToken);
                var answer = await SendOnceAsync(method, route, routeKey, body, botToken, cancellationToken);
                if (answer.RetryAfter is not { } retryAfter)
                {
                    return answer.Response;
                }

                LogRateLimited(logger, route.Template, retryAfter.TotalSeconds, answer.Global, attempt);
                if (attempt == MaxAttempts || retryAfter > MaxRetryAfter)
                {
                    return answer.Response;
                }

                limiter.Pause(routeKey, retryAfter, answer.Global);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    // What stops a call before it is made: a bot token Discord already rejected, or a spent invalid-request budget.
    private DiscordResponse? RefusalBeforeSending(DiscordRoute route)
    {
        if (route.UsesBotToken && limiter.BotTokenRejected)
        {
            return DiscordResponse.NotSent("Discord rejected the bot token (401); check Discord:BotToken and restart");
        }

        if (!limiter.HasInvalidRequestBudget())
        {
            LogInvalidBudgetExhausted(logger, route.Template);
            return DiscordResponse.NotSent("too many refused requests in the last 10 minutes; holding off to avoid Discord's invalid-request ban");
        }

        return null;
    }

    private async Task WaitForLimitsAsync(DiscordRoute route, string routeKey, CancellationToken cancellationToken)
    {
        await limiter.WaitForBucketAsync(routeKey, cancellationToken);
        if (route.UsesBotToken)
        {
            // Interaction webhooks are exempt from the global limit (rate-limits#global-rate-limit).
            await limiter.WaitForGlobalAsync(cancellationToken);
        }
    }

    // One request and what it taught the limiter: its bucket, and a refusal counted toward the invalid-request ban.
    // A 429 comes back with how long to wait; anything else is the answer.
    private async Task<Answer> SendOnceAsync(HttpMethod method, DiscordRoute route, string routeKey, object? body, string? botToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, route.Path);
        if (route.UsesBotToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", botToken);
        }

        request.Content = Content(body);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        limiter.Update(routeKey, route.MajorParameter, response.Headers);
        var status = (int)response.StatusCode;
        var sharedScope = Header(response.Headers, "X-RateLimit-Scope") == "shared";
        if (status is 401 or 403 || (status == 429 && !sharedScope))
        {
            limiter.RecordInvalid(botTokenRejected: status == 401 && route.UsesBotToken);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var (retryAfter, global) = RetryAfter(response, text);
            return new Answer(new DiscordResponse(status, text), retryAfter, global);
        }

        if (!response.IsSuccessStatusCode)
        {
            LogRequestRefused(logger, method.Method, route.Template, status, text.Length <= 300 ? text : text[..300]);
        }

        return new Answer(new DiscordResponse(status, text), null, false);
    }

    // Built again for every attempt: a sent HttpContent cannot be sent twice.
    private static HttpContent? Content(object? body)
    {
        if (body is null)
        {
            return null;
        }

        var json = JsonContent.Create(body, body.GetType(), options: DiscordJson.Options);
        if (body is not DiscordMessage { File: { } file })
        {
            return json;
        }

        // A message with a file is multipart: the JSON in payload_json, the file as files[0].
        var bytes = new ReadOnlyMemoryContent(file.Content);
        bytes.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
        return new MultipartFormDataContent { { json, "payload_json" }, { bytes, "files[0]", file.FileName } };
    }

    // "Rely on the Retry-After header or retry_after field" (rate-limits#exceeding-a-rate-limit); the body's
    // float is more precise than the header's whole seconds.
    private static (TimeSpan RetryAfter, bool Global) RetryAfter(HttpResponseMessage response, string body)
    {
        double? seconds = null;
        var global = Header(response.Headers, "X-RateLimit-Global") is { } g && g.Equals("true", StringComparison.OrdinalIgnoreCase);
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (json.RootElement.TryGetProperty("retry_after", out var value) && value.TryGetDouble(out var parsed))
                {
                    seconds = parsed;
                }

                if (json.RootElement.TryGetProperty("global", out var isGlobal) && isGlobal.ValueKind == JsonValueKind.True)
                {
                    global = true;
                }
            }
        }
        catch (JsonException)
        {
            // Cloudflare's own 429 page is HTML; the header still says how long to wait.
        }

        if (seconds is null && double.TryParse(Header(response.Headers, "Retry-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var header))
        {
            seconds = header;
        }

        return (TimeSpan.FromSeconds(Math.Clamp(seconds ?? 1, 0, 3600)), global);
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord rate-limited {Route}: waiting {Seconds} s (global: {Global}, attempt {Attempt})")]
    private static partial void LogRateLimited(ILogger logger, string route, double seconds, bool global, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord refused {Method} {Route} with {Status}: {Body}")]
    private static partial void LogRequestRefused(ILogger logger, string method, string route, int status, string body);

    [LoggerMessage(Level = LogLevel.Error, Message = "Not calling Discord {Route}: the invalid-request budget for the last 10 minutes is spent")]
    private static partial void LogInvalidBudgetExhausted(ILogger logger, string route);

    /// <summary>Discord's answer to one request, and for a 429 how long it asks to wait and whether the limit is global.</summary>
    private readonly record struct Answer(DiscordResponse Response, TimeSpan? RetryAfter, bool Global);
}
