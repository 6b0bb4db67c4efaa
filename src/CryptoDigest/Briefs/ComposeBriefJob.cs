using CryptoDigest.Storage;
using Hangfire;

namespace CryptoDigest.Briefs;

/// <summary>
/// The recurring compose-brief job. Retries are few and then dropped, because a brief composed
/// hours late is worse than the next day's (Hangfire's default is 10 attempts over hours);
/// composing twice is harmless anyway, since an edition is stored once per window. A failed model
/// call does not fail the job (the composer falls back per article and for the prose), and a job
/// dropped after its attempts does not make deliveries send an old edition: the deliverer composes
/// one itself when the latest is older than Briefs:MaxEditionAgeHours. Each run's outcome is recorded for
/// the operator's /status and the "edition failed to compose" alert.
/// </summary>
public sealed class ComposeBriefJob(BriefComposer composer, JobOutcomes outcomes)
{
    public const string RecurringId = "compose-brief";

    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await composer.ComposeAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            await outcomes.FailedAsync(RecurringId, $"{ex.GetType().Name}: {ex.Message}", CancellationToken.None);
            throw;
        }

        await outcomes.SucceededAsync(RecurringId, cancellationToken);
    }
}
