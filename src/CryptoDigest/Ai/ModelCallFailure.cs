using System.ClientModel;
using Microsoft.SemanticKernel;

namespace CryptoDigest.Ai;

/// <summary>
/// Tells a failed model call (which has an offline stand-in) from a stop that must propagate. A
/// provider's refusal (400 content filter or context length), an outage that outlasted the
/// client's retries, a network error and a per-request timeout are failures of that one call; a
/// cancellation the caller asked for is not. See docs/model-limits.md.
/// </summary>
public static class ModelCallFailure
{
    public static bool HasOfflineFallback(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        // The connector wraps the client's ClientResultException (with its status) in HttpOperationException.
        HttpOperationException or KernelException or ClientResultException or HttpRequestException => true,
        // The client's network timeout surfaces as a cancellation nobody asked for.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>The status code when the provider answered, for the log (never the provider's message, which may quote the input).</summary>
    public static string Describe(Exception exception) => exception switch
    {
        HttpOperationException { StatusCode: { } status } => $"HTTP {(int)status}",
        ClientResultException { Status: > 0 } result => $"HTTP {result.Status}",
        OperationCanceledException => "timed out",
        _ => exception.GetType().Name,
    };
}
