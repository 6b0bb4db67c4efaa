using System.Collections.Concurrent;
using CryptoDigest.Storage;

namespace CryptoDigest.Tests.Storage;

/// <summary>Group commit: what arrives during a write goes in the next one, capped, each caller with its own result.</summary>
public class GroupCommitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Items_added_while_a_write_is_under_way_go_together_in_the_next_write()
    {
        var writer = new GatedWriter();
        var commit = new GroupCommit<int, int>(256, 1, writer.WriteAsync);

        var first = commit.AddAsync(0, CancellationToken.None);
        await writer.FirstWriteStarted.Task.WaitAsync(Patience);
        var rest = Enumerable.Range(1, 10).Select(i => commit.AddAsync(i, CancellationToken.None)).ToList();
        writer.Gate.SetResult();

        Assert.Equal(0, await first.WaitAsync(Patience));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i * 10), await Task.WhenAll(rest).WaitAsync(Patience));
        Assert.Equal(new[] { 1, 10 }, writer.BatchSizes);
    }

    [Fact]
    public async Task A_write_takes_at_most_the_cap_and_the_rest_follow_in_order()
    {
        var writer = new GatedWriter();
        var commit = new GroupCommit<int, int>(256, 1, writer.WriteAsync);

        var first = commit.AddAsync(0, CancellationToken.None);
        await writer.FirstWriteStarted.Task.WaitAsync(Patience);
        var rest = Enumerable.Range(1, 600).Select(i => commit.AddAsync(i, CancellationToken.None)).ToList();
        writer.Gate.SetResult();
        await Task.WhenAll(rest.Append(first)).WaitAsync(Patience);

        Assert.Equal(new[] { 1, 256, 256, 88 }, writer.BatchSizes);
        Assert.Equal(Enumerable.Range(0, 601), writer.Written);
    }

    [Fact]
    public async Task A_failed_write_fails_every_item_in_it_and_the_next_write_goes_ahead()
    {
        var writer = new GatedWriter { FailBatch = 2 };
        var commit = new GroupCommit<int, int>(256, 1, writer.WriteAsync);

        var first = commit.AddAsync(0, CancellationToken.None);
        await writer.FirstWriteStarted.Task.WaitAsync(Patience);
        var failing = Enumerable.Range(1, 5).Select(i => commit.AddAsync(i, CancellationToken.None)).ToList();
        writer.Gate.SetResult();

        Assert.Equal(0, await first.WaitAsync(Patience));
        foreach (var claim in failing)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => claim.WaitAsync(Patience));
        }

        Assert.Equal(70, await commit.AddAsync(7, CancellationToken.None).WaitAsync(Patience));
        Assert.Equal(new[] { 1, 5, 1 }, writer.BatchSizes);
    }

    [Fact]
    public async Task A_caller_that_cancels_stops_waiting_but_its_item_is_still_handed_to_the_write()
    {
        var writer = new GatedWriter();
        var commit = new GroupCommit<int, int>(256, 1, writer.WriteAsync);
        var first = commit.AddAsync(0, CancellationToken.None);
        await writer.FirstWriteStarted.Task.WaitAsync(Patience);
        using var cancel = new CancellationTokenSource();

        var cancelled = commit.AddAsync(1, cancel.Token);
        var kept = commit.AddAsync(2, CancellationToken.None);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        writer.Gate.SetResult();
        Assert.Equal(20, await kept.WaitAsync(Patience));
        await first.WaitAsync(Patience);
        Assert.Equal(new[] { 0, 1, 2 }, writer.Written);
    }

    [Fact]
    public async Task Concurrent_callers_each_get_their_own_result_and_every_item_is_written_once()
    {
        var writer = new GatedWriter();
        writer.Gate.SetResult();
        var commit = new GroupCommit<int, int>(64, 3, writer.WriteAsync);

        var results = await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => Task.Run(() => commit.AddAsync(i, CancellationToken.None)))).WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(0, 2000).Select(i => i * 10), results);
        Assert.Equal(Enumerable.Range(0, 2000), writer.Written.Order());
        Assert.All(writer.BatchSizes, size => Assert.InRange(size, 1, 64));
    }

    [Fact]
    public async Task With_two_writes_allowed_a_second_write_starts_beside_a_stalled_one_and_a_third_waits_for_a_turn()
    {
        var writer = new GatedWriter { GatedWrites = 2 };
        var commit = new GroupCommit<int, int>(256, 2, writer.WriteAsync);

        var first = commit.AddAsync(0, CancellationToken.None);
        var second = commit.AddAsync(1, CancellationToken.None);
        var rest = Enumerable.Range(2, 5).Select(i => commit.AddAsync(i, CancellationToken.None)).ToList();

        Assert.Equal(new[] { 1, 1 }, writer.BatchSizes);
        writer.Gate.SetResult();
        await Task.WhenAll(rest.Append(first).Append(second)).WaitAsync(Patience);
        // The other five went after a stalled write ended (in one write or split between the two turns that came free).
        Assert.Equal(7, writer.BatchSizes.Sum());
        Assert.Equal(Enumerable.Range(0, 7), writer.Written.Order());
    }

    /// <summary>A write that returns each item times ten; the first writes wait for the gate, and one chosen write fails.</summary>
    private sealed class GatedWriter
    {
        private readonly ConcurrentQueue<int> _sizes = new();
        private readonly ConcurrentQueue<int> _written = new();
        private int _writes;

        public TaskCompletionSource FirstWriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>How many of the first writes wait for the gate.</summary>
        public int GatedWrites { get; init; } = 1;

        /// <summary>The 1-based number of the write that throws; 0 for none.</summary>
        public int FailBatch { get; init; }

        public IReadOnlyList<int> BatchSizes => [.. _sizes];

        public IReadOnlyList<int> Written => [.. _written];

        public async Task<IReadOnlyList<int>> WriteAsync(IReadOnlyList<int> items)
        {
            var number = Interlocked.Increment(ref _writes);
            _sizes.Enqueue(items.Count);
            if (number <= GatedWrites)
            {
                FirstWriteStarted.TrySetResult();
                await Gate.Task;
            }

            if (number == FailBatch)
            {
                throw new TimeoutException("the database did not answer");
            }

            foreach (var item in items)
            {
                _written.Enqueue(item);
            }

            return [.. items.Select(i => i * 10)];
        }
    }
}
