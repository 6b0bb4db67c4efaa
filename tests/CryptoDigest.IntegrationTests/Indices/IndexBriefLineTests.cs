using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;

namespace CryptoDigest.IntegrationTests.Indices;

/// <summary>Briefs:IndexLine: one computed line of index context in the daily edition.</summary>
[Collection(PostgresCollection.Name)]
public class IndexBriefLineTests(PostgresFixture postgres)
{
    [Fact]
    public async Task With_the_index_line_on_the_edition_carries_bitcoins_top_ten_weight_and_its_daily_change()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), new Dictionary<string, string?> { ["Briefs:IndexLine"] = "true" });

        var brief = BriefComposer.Read(await app.Get<BriefComposer>().ComposeAsync(CancellationToken.None));
        var reply = BriefReplyBuilder.ToReply(brief);

        // From the sample's daily market caps on 2026-11-30 and 2026-11-29 (stablecoins and wrapped tokens left out).
        Assert.StartsWith("Index: Bitcoin is 76.51 % of a cap-weighted top 10 on 2026-11-30, +0.95 points since the day before (Data: bundled SAMPLE data", brief.IndexLine, StringComparison.Ordinal);
        Assert.Contains(reply.Blocks, b => b.Text == brief.IndexLine);
    }

    [Fact]
    public async Task Without_the_setting_the_edition_has_no_index_line()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync());

        var brief = BriefComposer.Read(await app.Get<BriefComposer>().ComposeAsync(CancellationToken.None));

        Assert.Null(brief.IndexLine);
    }
}
