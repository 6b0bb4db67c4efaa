using CryptoDigest.Telegram;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Telegram.Bot.Types;

namespace CryptoDigest.Tests.Telegram;

public class TelegramUpdateQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_reservation_on_a_full_queue_waits_and_gets_the_place_a_worker_frees()
    {
        using var queue = NewQueue(capacity: 1, new FakeTimeProvider());
        Assert.True(await queue.ReserveAsync(TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.Equal(EnqueueResult.Accepted, queue.EnqueueReserved(new Update { Id = 1 }));

        var waiting = queue.ReserveAsync(TimeSpan.FromSeconds(5), CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);
        Assert.True(queue.TryRead(out var taken));

        Assert.Equal(1, taken.Id);
        Assert.True(await waiting.WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_reservation_on_a_queue_that_stays_full_is_refused_after_the_wait()
    {
        var time = new FakeTimeProvider();
        using var queue = NewQueue(capacity: 1, time);
        Assert.True(await queue.ReserveAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.False(await queue.ReserveAsync(TimeSpan.Zero, CancellationToken.None));

        var waiting = queue.ReserveAsync(TimeSpan.FromSeconds(5), CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.False(await waiting.WaitAsync(Timeout));
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    public async Task A_place_given_back_or_left_by_a_duplicate_can_be_taken_again()
    {
        using var queue = NewQueue(capacity: 1, new FakeTimeProvider());
        Assert.True(await queue.ReserveAsync(TimeSpan.Zero, CancellationToken.None));
        queue.CancelReservation();
        Assert.True(await queue.ReserveAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(EnqueueResult.Accepted, queue.EnqueueReserved(new Update { Id = 7 }));
        Assert.True(queue.TryRead(out _));

        Assert.True(await queue.ReserveAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(EnqueueResult.Duplicate, queue.EnqueueReserved(new Update { Id = 7 }));

        Assert.Equal(EnqueueResult.Accepted, queue.TryEnqueue(new Update { Id = 8 }));
        Assert.Equal(EnqueueResult.Full, queue.TryEnqueue(new Update { Id = 9 }));
    }

    private static TelegramUpdateQueue NewQueue(int capacity, TimeProvider time) =>
        new(Options.Create(new TelegramOptions { QueueCapacity = capacity }), time);
}
