namespace CryptoDigest.Telegram;

/// <summary>
/// Shows "typing…" while slow work runs: first after a grace period, so quick answers cost no extra
/// request, then again before the last one expires (an action lasts five seconds or until the bot's
/// message arrives: https://core.telegram.org/bots/api#sendchataction).
/// </summary>
internal static class TypingIndicator
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Repeat = TimeSpan.FromSeconds(4.5);

    public static Task<T> WhileAsync<T>(Func<CancellationToken, Task<T>> work, Func<CancellationToken, Task> showTyping, TimeProvider time, CancellationToken cancellationToken) =>
        WhileAsync(work, showTyping, (first, ct) => Task.Delay(first ? Grace : Repeat, time, ct), cancellationToken);

    /// <summary>The same, with the pauses given as a function (tests drive them step by step).</summary>
    internal static async Task<T> WhileAsync<T>(Func<CancellationToken, Task<T>> work, Func<CancellationToken, Task> showTyping, Func<bool, CancellationToken, Task> pauseAsync, CancellationToken cancellationToken)
    {
        var answer = work(cancellationToken);
        if (answer.IsCompleted)
        {
            // A fixed reply (/help) is ready at once: no timer, no cancellation, nothing to show.
            return await answer;
        }

        using var typing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loop = KeepTypingAsync(showTyping, pauseAsync, typing.Token);
        try
        {
            return await answer;
        }
        finally
        {
            await typing.CancelAsync();
            await loop;
        }
    }

    private static async Task KeepTypingAsync(Func<CancellationToken, Task> showTyping, Func<bool, CancellationToken, Task> pauseAsync, CancellationToken cancellationToken)
    {
        try
        {
            // Most answers end within the grace period: the cancelled pause is awaited without throwing, since an
            // exception per answer was a measurable share of the webhook's cost at 200 commands a second.
            await pauseAsync(true, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            while (!cancellationToken.IsCancellationRequested)
            {
                await showTyping(cancellationToken);
                await pauseAsync(false, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The work ended while "typing…" was being sent.
        }
    }
}
