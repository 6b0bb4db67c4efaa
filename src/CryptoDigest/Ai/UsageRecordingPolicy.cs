using System.ClientModel.Primitives;
using System.Text.Json;
using CryptoDigest.Telemetry;

namespace CryptoDigest.Ai;

/// <summary>
/// A step in the OpenAI client's HTTP pipeline that reads the "usage" of every chat completion
/// response, so each call is recorded, including the several calls one function-calling answer makes.
/// A provider that reports no usage (some local servers, some proxies) is still counted: the tokens
/// are estimated from the length of what was sent and received, about four characters a token.
/// </summary>
internal sealed class UsageRecordingPolicy(ModelBudget budget, BotMetrics metrics) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ProcessNext(message, pipeline, currentIndex);
        RecordAsync(message).GetAwaiter().GetResult();
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        await ProcessNextAsync(message, pipeline, currentIndex);
        await RecordAsync(message);
    }

    private async Task RecordAsync(PipelineMessage message)
    {
        if (message.Response is not { IsError: false } response || response.Content.ToMemory().Length == 0)
        {
            return;
        }

        try
        {
            using var json = JsonDocument.Parse(response.Content.ToMemory());
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("choices", out _))
            {
                return;
            }

            var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "unknown" : "unknown";
            var (inputTokens, outputTokens) = Reported(root) ?? Estimated(message, root);
            metrics.ModelTokens(ModelPurpose.Current, (long)inputTokens + outputTokens);
            await budget.RecordAsync(model, inputTokens, outputTokens, message.CancellationToken);
        }
        catch (JsonException)
        {
            // Not a JSON body (a streaming response, or an odd server): nothing to record.
        }
    }

    /// <summary>The provider's own count, when it gave one with a prompt or completion figure.</summary>
    private static (int Input, int Output)? Reported(JsonElement root)
    {
        if (!root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var input = usage.TryGetProperty("prompt_tokens", out var p) && p.TryGetInt32(out var pi) ? pi : (int?)null;
        var output = usage.TryGetProperty("completion_tokens", out var c) && c.TryGetInt32(out var ci) ? ci : (int?)null;
        return input is null && output is null ? null : (input ?? 0, output ?? 0);
    }

    /// <summary>
    /// About four characters a token (OpenAI's rule of thumb for English): the request body for the input,
    /// the choices (text and tool-call arguments) for the output. Rounded up, and at least one token each.
    /// </summary>
    private static (int Input, int Output) Estimated(PipelineMessage message, JsonElement root)
    {
        var sent = message.Request.Content is { } content && content.TryComputeLength(out var length) ? length : 0;
        var received = root.GetProperty("choices").GetRawText().Length;
        return (TokensFor(sent), TokensFor(received));
    }

    internal static int TokensFor(long characters) => (int)Math.Min(int.MaxValue, Math.Max(1, (characters + 3) / 4));
}
