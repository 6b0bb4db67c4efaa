using CryptoDigest.Telegram;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.Tests.Telegram;

public class SendPacingTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_chat_gets_one_message_per_interval_counted_from_when_the_last_came_back()
    {
        var window = new ChatSendWindow(TimeSpan.FromSeconds(1), perMinute: null);
        Assert.Equal(TimeSpan.Zero, window.WaitBefore(Start));

        window.Record(Start.AddMilliseconds(300));

        Assert.Equal(TimeSpan.FromMilliseconds(1350), window.WaitBefore(Start)); // with the 50 ms margin
        Assert.Equal(TimeSpan.Zero, window.WaitBefore(Start.AddMilliseconds(1350)));
    }

    [Fact]
    public void A_group_gets_at_most_its_per_minute_limit_in_any_minute()
    {
        var window = new ChatSendWindow(TimeSpan.FromSeconds(1), perMinute: 20);
        for (var i = 0; i < 20; i++)
        {
            window.Record(Start.AddSeconds(i));
        }

        // The 21st must wait until a minute after the 1st, not just a second after the 20th.
        Assert.Equal(TimeSpan.FromMilliseconds(41_050), window.WaitBefore(Start.AddSeconds(19)));
        window.Record(Start.AddSeconds(60));
        Assert.Equal(TimeSpan.FromMilliseconds(1050), window.WaitBefore(Start.AddSeconds(60)));
    }

    [Fact]
    public void A_chat_s_window_is_spent_once_it_could_no_longer_hold_up_a_send()
    {
        var chat = new ChatSendWindow(TimeSpan.FromSeconds(1), perMinute: null);
        var group = new ChatSendWindow(TimeSpan.FromSeconds(1), perMinute: 20);
        chat.Record(Start);
        group.Record(Start);

        Assert.False(chat.IsSpent(Start.AddMilliseconds(1049)));
        Assert.True(chat.IsSpent(Start.AddMilliseconds(1050)));
        Assert.False(group.IsSpent(Start.AddSeconds(59)));
        Assert.True(group.IsSpent(Start.AddMilliseconds(60_050)));
        Assert.Equal(TimeSpan.Zero, chat.WaitBefore(Start.AddMilliseconds(1050)));
    }

    [Fact]
    public async Task The_bot_wide_window_holds_sends_in_flight_and_for_a_second_after_they_return()
    {
        var time = new FakeTimeProvider(Start);
        var window = new GlobalSendWindow(2, time);

        var first = await window.AcquireAsync(CancellationToken.None);
        var second = await window.AcquireAsync(CancellationToken.None);
        var third = window.AcquireAsync(CancellationToken.None);
        Assert.False(third.IsCompleted);

        first.Dispose(); // came back now: it still counts for one second
        Assert.False(third.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1050));
        (await third.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task Before_round_trips_are_known_a_slot_is_held_until_a_second_after_the_send_came_back()
    {
        var time = new FakeTimeProvider(Start);
        var window = new GlobalSendWindow(1, time);

        var first = await window.AcquireAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(10));
        first.Dispose();
        await AssertNextSlotComesAfterAsync(window, time, TimeSpan.FromMilliseconds(1010));
    }

    [Fact]
    public async Task With_steady_round_trips_a_slot_is_held_a_second_after_its_return_less_their_shared_part()
    {
        var time = new FakeTimeProvider(Start);
        var window = new GlobalSendWindow(1, time);
        await SendSteadilyAsync(window, time, count: 32, roundTrip: TimeSpan.FromMilliseconds(100));

        var last = await window.AcquireAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(100));
        last.Dispose(); // 90 of the steady 100 ms are credited: held until 1,010 - 90 ms after the return
        await AssertNextSlotComesAfterAsync(window, time, TimeSpan.FromMilliseconds(920));
    }

    [Fact]
    public async Task After_a_bot_wide_429_a_slot_is_held_a_whole_second_after_its_return_again()
    {
        var time = new FakeTimeProvider(Start);
        var window = new GlobalSendWindow(1, time);
        await SendSteadilyAsync(window, time, count: 32, roundTrip: TimeSpan.FromMilliseconds(100));
        window.PauseUntil(time.GetUtcNow());

        var last = await window.AcquireAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(100));
        last.Dispose();
        await AssertNextSlotComesAfterAsync(window, time, TimeSpan.FromMilliseconds(1010));
    }

    // The next send waits exactly this long from now: held a millisecond before, granted at the moment.
    private static async Task AssertNextSlotComesAfterAsync(GlobalSendWindow window, FakeTimeProvider time, TimeSpan wait)
    {
        var next = window.AcquireAsync(CancellationToken.None);
        time.Advance(wait - TimeSpan.FromMilliseconds(1));
        var heldOneMillisecondBefore = !next.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(heldOneMillisecondBefore);
        (await next.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }

    private static async Task SendSteadilyAsync(GlobalSendWindow window, FakeTimeProvider time, int count, TimeSpan roundTrip)
    {
        for (var i = 0; i < count; i++)
        {
            var slot = await window.AcquireAsync(CancellationToken.None);
            time.Advance(roundTrip);
            slot.Dispose();
            time.Advance(TimeSpan.FromMilliseconds(1010));
        }
    }

    [Fact]
    public void The_floor_follows_a_server_that_became_slower_once_the_fast_round_trip_is_two_buckets_old()
    {
        var floor = new RoundTripFloor();
        floor.Record(TimeSpan.FromMilliseconds(5), Start); // the bucket of 0-10 s
        floor.Record(TimeSpan.FromMilliseconds(80), Start.AddSeconds(12)); // the next, 12-22 s

        Assert.Equal(TimeSpan.FromMilliseconds(5), floor.Value(Start.AddSeconds(21)));
        Assert.Equal(TimeSpan.FromMilliseconds(80), floor.Value(Start.AddSeconds(22)));
    }

    [Fact]
    public async Task Sends_in_flight_follow_the_rate_times_the_round_trip_not_the_rate()
    {
        var time = new FakeTimeProvider(Start);
        var window = new GlobalSendWindow(1000, time);

        var first = new List<GlobalSendWindow.SendSlot>();
        for (var i = 0; i < GlobalSendWindow.MinInFlight; i++)
        {
            first.Add(await window.AcquireAsync(CancellationToken.None));
        }

        var waiting = Enumerable.Range(0, 200).Select(_ => window.AcquireAsync(CancellationToken.None)).ToList();
        Assert.DoesNotContain(waiting, w => w.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(50));
        first[0].Dispose(); // a 50 ms round trip at 1,000 a second: 100 sends in flight, twice that with headroom

        Assert.Equal(132, window.InFlightLimit);
        await Task.WhenAll(waiting.Take(132 - GlobalSendWindow.MinInFlight + 1)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(132 - GlobalSendWindow.MinInFlight + 1, waiting.Count(w => w.IsCompleted));
    }

    [Fact]
    public async Task Sends_in_flight_follow_the_usual_round_trip_when_it_is_far_above_the_shortest()
    {
        // A client on a busy machine: one answer read at once, the rest read 60 ms after they were sent.
        var time = new FakeTimeProvider(Start);
        var window = new GlobalSendWindow(1000, time);
        await SendAsync(window, time, TimeSpan.FromMilliseconds(5));
        for (var i = 0; i < 40; i++)
        {
            await SendAsync(window, time, TimeSpan.FromMilliseconds(60));
        }

        // 1,000 a second × 60 ms, plus the 32: twice the 5 ms floor alone would allow 42.
        Assert.Equal(92, window.InFlightLimit);
    }

    [Fact]
    public async Task A_return_hands_its_place_in_flight_to_the_next_waiter_at_once()
    {
        var time = new FakeTimeProvider(Start);
        var window = new GlobalSendWindow(1000, time);
        var held = new List<GlobalSendWindow.SendSlot>();
        for (var i = 0; i < GlobalSendWindow.MinInFlight; i++)
        {
            held.Add(await window.AcquireAsync(CancellationToken.None));
        }

        var next = window.AcquireAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);

        held[0].Dispose(); // no time passes: only the in-flight cap held it up
        (await next.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }

    [Fact]
    public async Task Waiters_for_the_bot_wide_window_get_freed_slots_in_the_order_they_came()
    {
        var time = new FakeTimeProvider(Start);
        var window = new GlobalSendWindow(1, time);
        var held = await window.AcquireAsync(CancellationToken.None);
        var waiting = Enumerable.Range(0, 3).Select(_ => window.AcquireAsync(CancellationToken.None)).ToList();

        held.Dispose();
        // A completion frees nothing by itself: the slot is the window's for a second after it.
        Assert.DoesNotContain(waiting, w => w.IsCompleted);
        for (var next = 0; next < waiting.Count; next++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1050));
            var lease = await waiting[next].WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(next + 1, waiting.Count(w => w.IsCompleted));
            lease.Dispose();
        }
    }

    [Fact]
    public async Task A_cancelled_waiter_gives_its_turn_to_the_next()
    {
        var time = new FakeTimeProvider(Start);
        var window = new GlobalSendWindow(1, time);
        var held = await window.AcquireAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = window.AcquireAsync(cancel.Token);
        var next = window.AcquireAsync(CancellationToken.None);

        await cancel.CancelAsync();
        held.Dispose();
        time.Advance(TimeSpan.FromMilliseconds(1050));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        (await next.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }

    [Fact]
    public async Task Waiting_for_the_bot_wide_window_can_be_cancelled()
    {
        var window = new GlobalSendWindow(1, new FakeTimeProvider(Start));
        using var held = await window.AcquireAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = window.AcquireAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task A_paused_bot_wide_window_holds_every_send_until_the_pause_ends()
    {
        var time = new FakeTimeProvider(Start);
        var window = new GlobalSendWindow(100, time);

        window.PauseUntil(Start.AddSeconds(30));
        var waiting = window.AcquireAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(29));
        var stillWaiting = !waiting.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(stillWaiting);
        (await waiting.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }

    [Fact]
    public void One_chats_429s_stay_its_own_and_a_second_chats_within_a_second_make_the_flood_bot_wide()
    {
        var floods = new FloodSignal();

        Assert.False(floods.IsBotWide(1, Start));
        Assert.False(floods.IsBotWide(1, Start.AddMilliseconds(200)));
        Assert.True(floods.IsBotWide(2, Start.AddMilliseconds(400)));
        Assert.False(floods.IsBotWide(3, Start.AddSeconds(5)));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(50, 60)]
    public void Polling_errors_back_off_exponentially_up_to_a_minute(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), TelegramPollingService.Backoff(failures));

    private static async Task SendAsync(GlobalSendWindow window, FakeTimeProvider time, TimeSpan roundTrip)
    {
        var slot = await window.AcquireAsync(CancellationToken.None);
        time.Advance(roundTrip);
        slot.Dispose();
    }
}
