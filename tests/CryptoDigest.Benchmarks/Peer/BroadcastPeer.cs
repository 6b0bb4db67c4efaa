using System.Globalization;
using System.Text;
using System.Text.Json;
using CryptoDigest.IntegrationTests.Telegram;

namespace CryptoDigest.Benchmarks.Peer;

/// <summary>What a broadcast run achieved, ours or the peer's, as the comparison table shows it.</summary>
public sealed record BroadcastOutcome(long Messages, TimeSpan Elapsed, long Floods, long Duplicates, long Missing, TimeSpan SenderCpu, TimeSpan StandInCpu);

/// <summary>
/// `broadcast --peer`: the same brief (one message, Telegram HTML) to the same N chat ids at the same limit L,
/// sent by Peer/broadcast_peer.py (python-telegram-bot 13, a token bucket and a thread pool) through a fresh
/// Bot API stand-in child with the same settings, so its counters start at zero; printed beside our run with
/// the ratio.
/// </summary>
public sealed class BroadcastPeer
{
    private readonly Table _table = new("N", "server", "sender", "messages", "elapsed s", "msg/s", "rate / L", "429s", "duplicates", "missing", "sender cpu ms/msg", "stand-in cpu ms/msg");
    private readonly int _rate;

    public BroadcastPeer(int rate)
    {
        PythonPeer.EnsureInstalled();
        _rate = rate;
    }

    /// <summary>Runs the peer for one size and adds both rows and the ratio row; a brief of more than one message is not compared.</summary>
    public async Task AddAsync(int size, StandInServer server, long firstChatId, IReadOnlyList<string> partsHtml, BroadcastOutcome ours, TextWriter output)
    {
        if (partsHtml.Count != 1)
        {
            await output.WriteLineAsync($"  N = {size:N0}: the brief is {partsHtml.Count} messages; the peer sends one, so it is not compared (use fewer --articles).");
            return;
        }

        var peer = await RunAsync(size, server, firstChatId, partsHtml[0], output);
        Add(size, server, "bot", ours);
        Add(size, server, "peer (PTB " + PythonPeer.Version + ")", peer);
        var ourRate = ours.Messages / ours.Elapsed.TotalSeconds;
        var peerRate = peer.Messages / peer.Elapsed.TotalSeconds;
        _table.Add(size, server, "ours / peer", "", ours.Elapsed / peer.Elapsed, ourRate / peerRate, ourRate / peerRate, "", "", "",
            PerMessage(ours.SenderCpu, ours.Messages) / PerMessage(peer.SenderCpu, peer.Messages), "");
    }

    public override string ToString() => _table.ToString();

    private void Add(int size, StandInServer server, string sender, BroadcastOutcome run)
    {
        var rate = run.Messages / run.Elapsed.TotalSeconds;
        _table.Add(size, server, sender, run.Messages, run.Elapsed, rate, rate / _rate, run.Floods, run.Duplicates, run.Missing,
            PerMessage(run.SenderCpu, run.Messages), PerMessage(run.StandInCpu, run.Messages));
    }

    private static double PerMessage(TimeSpan cpu, long messages) => cpu.TotalMilliseconds / Math.Max(messages, 1);

    private async Task<BroadcastOutcome> RunAsync(int size, StandInServer server, long firstChatId, string html, TextWriter output)
    {
        await using var api = await StandInProcess.StartAsync(_rate, server: server);
        var textFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(textFile, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        var errors = new StringBuilder();
        try
        {
            var standInBefore = api.ProcessorTime;
            using var peer = PythonPeer.Start("broadcast_peer.py",
                ["--api", api.BaseUrl.ToString(), "--token", BotApiStandIn.Token,
                 "--first-chat", firstChatId.ToString(CultureInfo.InvariantCulture), "--count", size.ToString(CultureInfo.InvariantCulture),
                 "--rate", _rate.ToString(CultureInfo.InvariantCulture), "--text-file", textFile],
                errors);
            var line = await peer.StandardOutput.ReadLineAsync();
            await PythonPeer.StopAsync(peer);
            var standInCpu = api.ProcessorTime - standInBefore;
            if (line is null || JsonSerializer.Deserialize<PeerTotals>(line, s_json) is not { } totals)
            {
                throw new InvalidOperationException($"The broadcast peer printed no totals (exit code {peer.ExitCode}):\n{errors}");
            }

            var report = await api.ReportAsync();
            long delivered = 0, duplicates = 0, missing = 0;
            for (var chat = firstChatId; chat < firstChatId + size; chat++)
            {
                var got = report.Delivered.GetValueOrDefault(chat);
                delivered += got;
                duplicates += Math.Max(0, got - 1);
                missing += Math.Max(0, 1 - got);
            }

            duplicates += report.Delivered.Where(c => c.Key < firstChatId || c.Key >= firstChatId + size).Sum(c => c.Value);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  peer, N = {size:N0}, server {server}: {delivered:N0} messages in {totals.Elapsed:N1} s; stand-in answered {report.Accepted:N0} x 200, {report.Floods:N0} x 429, {report.OtherErrors:N0} x 4xx/5xx; the peer saw {totals.Floods:N0} x 429 and gave up on {totals.Failed:N0} chats"));
            return new BroadcastOutcome(delivered, TimeSpan.FromSeconds(totals.Elapsed), report.Floods, duplicates, missing, TimeSpan.FromSeconds(totals.Cpu), standInCpu);
        }
        finally
        {
            File.Delete(textFile);
        }
    }

    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The script's one JSON line (it prints the names in lower case).</summary>
    private sealed record PeerTotals(double Elapsed, double Cpu, long Sent, long Floods, long Failed);
}
