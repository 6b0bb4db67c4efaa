using System.Text.Json;
using CryptoDigest.Briefs;
using CryptoDigest.Feedback;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;

namespace CryptoDigest.IntegrationTests.Feedback;

/// <summary>
/// feedback export through the real Host process on PostgreSQL: the rated brief and answer with their text, sources,
/// producer, votes and reasons, as a JSON array or JSON lines; --since leaves older votes out; a bad date is one line.
/// </summary>
[Collection(PostgresCollection.Name)]
public class FeedbackExportVerbTests(PostgresFixture postgres)
{
    private const string Chat = "-7900";

    [Fact]
    public async Task The_export_writes_each_rated_brief_and_answer_with_its_text_sources_and_votes()
    {
        // Arrange: a brief delivered to a chat and an answer given there; two members rate the brief, one the answer.
        var connectionString = await postgres.CreateDatabaseAsync();
        long editionId;
        long answerId;
        await using (var app = await TestApp.StartAsync(connectionString))
        {
            editionId = await DeliveredBriefAsync(app);
            var answer = await app.Get<FeedbackStore>().OfferAsync(
                ChatPlatform.Telegram, Chat, "what is a drawdown?", new ChatReply([new ReplyBlock(null, "The fall from a peak.", [new Citation("Index guide", new Uri("https://example.org/guide"))]), new ReplyBlock(null, "Not financial advice.")]), byModel: false, "es", CancellationToken.None);
            Assert.True(FeedbackPayload.TryDecode(answer.Buttons[0][0].Payload, out var press, out _));
            answerId = press.Target.Id;
            var store = app.Get<FeedbackStore>();
            Assert.Equal(FeedbackOutcome.Recorded, (await store.VoteAsync(ChatPlatform.Telegram, Chat, "1", new FeedbackPress(FeedbackTarget.Brief(editionId), Up: true), CancellationToken.None)).Outcome);
            Assert.Equal(FeedbackOutcome.Recorded, (await store.VoteAsync(ChatPlatform.Telegram, Chat, "2", new FeedbackPress(FeedbackTarget.Brief(editionId), Up: false, FeedbackReason.WrongFact), CancellationToken.None)).Outcome);
            Assert.Equal(FeedbackOutcome.Recorded, (await store.VoteAsync(ChatPlatform.Telegram, Chat, "1", new FeedbackPress(FeedbackTarget.Answer(answerId), Up: false, FeedbackReason.TooLong), CancellationToken.None)).Outcome);
        }

        var environment = new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = connectionString };

        // Act
        var array = await HostProcess.RunAsync(["feedback", "export"], environment);
        var lines = await HostProcess.RunAsync(["feedback", "export", "--jsonl", "--since", "2026-11-01"], environment);
        var later = await HostProcess.RunAsync(["feedback", "export", "--since", "2026-12-01"], environment);
        var bad = await HostProcess.RunAsync(["feedback", "export", "--since", "last week"], environment);

        // Assert: the array holds the brief and the answer.
        Assert.True(array.ExitCode == 0, array.StandardError);
        var entries = JsonDocument.Parse(array.StandardOutput).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        var brief = entries.Single(e => e.GetProperty("kind").GetString() == "brief");
        Assert.Equal(editionId, brief.GetProperty("id").GetInt64());
        Assert.Equal((1, 1), (brief.GetProperty("up").GetInt32(), brief.GetProperty("down").GetInt32()));
        Assert.Equal(1, brief.GetProperty("reasons").GetProperty("fact").GetInt32());
        Assert.Contains("Bitcoin ETF flows turn positive (Glassnode): Inflows resumed.", brief.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://example.org/etf", brief.GetProperty("sources")[0].GetProperty("url").GetString());
        Assert.Equal(("offline", "en"), (brief.GetProperty("model").GetString(), brief.GetProperty("language").GetString()));
        Assert.Equal(2, brief.GetProperty("votes").GetArrayLength());
        var answerEntry = entries.Single(e => e.GetProperty("kind").GetString() == "answer");
        Assert.Equal(answerId, answerEntry.GetProperty("id").GetInt64());
        Assert.Equal("what is a drawdown?", answerEntry.GetProperty("question").GetString());
        Assert.StartsWith("The fall from a peak.", answerEntry.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("Index guide", answerEntry.GetProperty("sources")[0].GetProperty("title").GetString());
        Assert.Equal(("es", 0, 1), (answerEntry.GetProperty("language").GetString(), answerEntry.GetProperty("up").GetInt32(), answerEntry.GetProperty("down").GetInt32()));
        Assert.Equal("length", answerEntry.GetProperty("votes")[0].GetProperty("reason").GetString());
        Assert.DoesNotContain("memberHash", array.StandardOutput, StringComparison.OrdinalIgnoreCase);

        // JSON lines: one object a line; --since after the votes leaves an empty set; a bad date is one line and exit 2.
        Assert.True(lines.ExitCode == 0, lines.StandardError);
        Assert.Equal(2, lines.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString()).Count());
        Assert.Equal("[]", later.StandardOutput.Trim());
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("error: --since needs a date, e.g. feedback export --since 2026-11-01", bad.StandardError.Trim());
    }

    // An edition of one item, delivered to the chat (one part sent), as the deliverer leaves it.
    private static async Task<long> DeliveredBriefAsync(TestApp app) =>
        await app.WithDbAsync(async db =>
        {
            var now = app.Time.GetUtcNow();
            var content = new BriefContent(now.AddDays(-1), now, "One story today.", [new BriefItem("Bitcoin ETF flows turn positive", "Glassnode", new Uri("https://example.org/etf"), "Inflows resumed.", "markets", [], now, IsSample: false)], ComposedByModel: false, IncludesSamples: false);
            var edition = new BriefEdition { WindowStart = now.AddDays(-1), WindowEnd = now, ComposedAt = now, Content = JsonSerializer.Serialize(content) };
            var subscription = new Subscription { Platform = "Telegram", ChatId = Chat, TimeZone = "UTC", DeliveryTime = new TimeOnly(8, 0), CreatedAt = now };
            db.AddRange(edition, subscription);
            await db.SaveChangesAsync();
            db.Deliveries.Add(new Delivery { SubscriptionId = subscription.Id, EditionId = edition.Id, LocalDate = DateOnly.FromDateTime(now.UtcDateTime), Status = DeliveryStatus.Sent, SentParts = 1, CreatedAt = now });
            await db.SaveChangesAsync();
            return edition.Id;
        });
}
