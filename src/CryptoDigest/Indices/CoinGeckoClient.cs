using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Indices;

/// <summary>
/// CoinGecko's API (v3) as a typed HttpClient: /coins/markets pages and /coins/{id}/market_chart
/// histories, returned as the bodies the API sent (checked to parse). Every request waits for the
/// shared <see cref="MarketRequestPacer"/>; a 429 is retried after its Retry-After (up to
/// Market:MaxRetryAfterSeconds); every failure becomes a <see cref="MarketDataException"/> saying what went wrong.
/// </summary>
public sealed partial class CoinGeckoClient(HttpClient http, IOptions<MarketOptions> options, MarketRequestPacer pacer, TimeProvider time, ILogger<CoinGeckoClient> logger)
{
    /// <summary>The most history a demo or keyless request may reach (error 10012 beyond).</summary>
    public const int DemoHistoryDays = 365;

    private const int MaxAttempts = 3;

    public const string DemoLimitMessage =
        "CoinGecko's public and demo API reach only 365 days back (error 10012): ask for 365 days or fewer, use a pro key, or give the index verbs --data files";

    public async Task<string> GetMarketsPageAsync(int page, int perPage, CancellationToken cancellationToken)
    {
        var body = await GetAsync(string.Create(CultureInfo.InvariantCulture, $"coins/markets?vs_currency=usd&order=market_cap_desc&per_page={perPage}&page={page}"), cancellationToken);
        // Parsed once here so a malformed page is refused before anything stores it.
        Check(() => MarketDocuments.ParseMarkets(body, "CoinGecko's markets page"));
        return body;
    }

    public async Task<string> GetMarketChartAsync(string id, int days, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (days > DemoHistoryDays && !options.Value.IsProBase)
        {
            throw new MarketDataException(DemoLimitMessage);
        }

        var body = await GetAsync(string.Create(CultureInfo.InvariantCulture, $"coins/{Uri.EscapeDataString(id)}/market_chart?vs_currency=usd&days={days}"), cancellationToken);
        Check(() => MarketDocuments.ParseMarketChart(id, body, $"CoinGecko's market chart of {id}"));
        return body;
    }

    private async Task<string> GetAsync(string relative, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var baseUrl = settings.ApiBaseUrl.EndsWith('/') ? settings.ApiBaseUrl : settings.ApiBaseUrl + "/";
        var uri = new Uri(new Uri(baseUrl), relative);
        for (var attempt = 1; ; attempt++)
        {
            await pacer.WaitAsync(cancellationToken);
            // The deadline runs on the injected clock, so tests can pass it without waiting.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds), time);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.ParseAdd("application/json");
            if (!string.IsNullOrWhiteSpace(settings.ApiKey))
            {
                request.Headers.TryAddWithoutValidation(settings.KeyHeader, settings.ApiKey);
            }

            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                var body = await response.Content.ReadAsStringAsync(deadline.Token);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var wait = RetryAfter(response);
                    if (attempt < MaxAttempts && wait <= TimeSpan.FromSeconds(settings.MaxRetryAfterSeconds))
                    {
                        LogRateLimited(logger, uri.AbsolutePath, wait.TotalSeconds);
                        await Task.Delay(wait, time, cancellationToken);
                        continue;
                    }

                    throw new MarketDataException(string.Create(CultureInfo.InvariantCulture,
                        $"CoinGecko is rate limiting this bot (429, retry after {wait.TotalSeconds:0} s)"));
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new MarketDataException(Describe(response.StatusCode, body));
                }

                return body;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new MarketDataException($"CoinGecko did not answer within {settings.TimeoutSeconds} s");
            }
            catch (HttpRequestException ex)
            {
                throw new MarketDataException($"CoinGecko could not be reached ({ex.Message.ReplaceLineEndings(" ")})");
            }
        }
    }

    /// <summary>Retry-After as seconds or an HTTP date; 1 s when absent, as a 429 always asks to wait.</summary>
    private TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return TimeSpan.FromSeconds(1);
    }

    /// <summary>CoinGecko's error bodies carry a status.error_code (at the root or under "error").</summary>
    private static string Describe(HttpStatusCode status, string body)
    {
        var code = ErrorCode(body);
        return code switch
        {
            10012 => DemoLimitMessage,
            10002 => "CoinGecko asks for an API key (error 10002): set Market:ApiKey",
            10010 or 10011 => $"CoinGecko refused the key for this base (error {code}): a pro key needs the pro base and a demo key the public one (Market:ApiBaseUrl)",
            _ => $"CoinGecko answered {(int)status} {status}" + (code is null ? "" : $" (error {code})"),
        };
    }

    private static int? ErrorCode(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                root = error;
            }

            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var status)
                && status.ValueKind == JsonValueKind.Object && status.TryGetProperty("error_code", out var code) && code.TryGetInt32(out var value)
                ? value
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Check(Action parse)
    {
        try
        {
            parse();
        }
        catch (IndexInputException ex)
        {
            throw new MarketDataException(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "CoinGecko answered 429 for {Path}; retrying after {Seconds} s")]
    private static partial void LogRateLimited(ILogger logger, string path, double seconds);
}
