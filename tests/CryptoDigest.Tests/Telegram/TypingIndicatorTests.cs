using System.Threading.Channels;
using CryptoDigest.Telegram;

namespace CryptoDigest.Tests.Telegram;

public class TypingIndicatorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Typing_shows_after_the_grace_period_repeats_while_the_answer_is_produced_and_stops_with_it()
    {
        var pauses = Channel.CreateUnbounded<TaskCompletionSource>();
        var typed = new SemaphoreSlim(0);
        var typings = 0;
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        var run = TypingIndicator.WhileAsync(
            _ => answer.Task,
            _ =>
            {
                Interlocked.Increment(ref typings);
                typed.Release();
                return Task.CompletedTask;
            },
            (_, ct) => Pause(pauses, ct),
            CancellationToken.None);

        var grace = await pauses.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(0, typings);
        grace.SetResult();
        Assert.True(await typed.WaitAsync(Timeout));
        (await pauses.Reader.ReadAsync().AsTask().WaitAsync(Timeout)).SetResult();
        Assert.True(await typed.WaitAsync(Timeout));
        await pauses.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

        answer.SetResult("the answer");

        Assert.Equal("the answer", await run.WaitAsync(Timeout));
        Assert.Equal(2, typings);
    }

    [Fact]
    public async Task A_quick_answer_shows_no_typing()
    {
        var typings = 0;

        var answer = await TypingIndicator.WhileAsync(
            _ => Task.FromResult(42),
            _ =>
            {
                typings++;
                return Task.CompletedTask;
            },
            (_, ct) => Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, ct),
            CancellationToken.None);

        Assert.Equal(42, answer);
        Assert.Equal(0, typings);
    }

    [Fact]
    public async Task An_answer_ready_at_once_starts_no_pause_at_all()
    {
        var pauses = 0;

        var answer = await TypingIndicator.WhileAsync(
            _ => Task.FromResult("help"),
            _ => Task.CompletedTask,
            (_, ct) =>
            {
                Interlocked.Increment(ref pauses);
                return Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, ct);
            },
            CancellationToken.None);

        Assert.Equal("help", answer);
        Assert.Equal(0, pauses);
    }

    private static Task Pause(Channel<TaskCompletionSource> pauses, CancellationToken cancellationToken)
    {
        var pause = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pauses.Writer.TryWrite(pause);
        return pause.Task.WaitAsync(cancellationToken);
    }
}
