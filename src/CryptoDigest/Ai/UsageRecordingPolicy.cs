using System.ClientModel.Primitives;
using System.Text.Json;
using CryptoDigest.Telemetry;

namespace CryptoDigest.Ai;

/// <summary>
/// A step in the OpenAI client's HTTP pipeline that reads the "usage" of every chat completion
/// response, so each call is recorded, including the several calls one function-calling answer makes.
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
            if (json.RootElement.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                var model = json.RootElement.TryGetProperty("model", out var m) ? m.GetString() ?? "unknown" : "unknown";
                var inputTokens = usage.TryGetProperty("prompt_tokens", out var input) ? input.GetInt32() : 0;
                var outputTokens = usage.TryGetProperty("completion_tokens", out var output) ? output.GetInt32() : 0;
                metrics.ModelTokens(ModelPurpose.Current, (long)inputTokens + outputTokens);
                await budget.RecordAsync(model, inputTokens, outputTokens, message.CancellationToken);
            }
        }
        catch (JsonException)
        {
            // Not a JSON body (a streaming response, or an odd server): nothing to record.
        }
    }
}
