using System.Text;
using CryptoDigest.Feedback;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Feedback;

public class FeedbackPayloadTests
{
    [Theory]
    [InlineData(FeedbackTargetKind.Brief, 42L, true, null, "f1|b42|up")]
    [InlineData(FeedbackTargetKind.Answer, 7L, false, null, "f1|a7|down")]
    [InlineData(FeedbackTargetKind.Answer, 7L, false, FeedbackReason.WrongFact, "f1|a7|down|fact")]
    [InlineData(FeedbackTargetKind.Brief, 9L, false, FeedbackReason.NotRelevant, "f1|b9|down|relevance")]
    [InlineData(FeedbackTargetKind.Brief, 9L, false, FeedbackReason.TooLong, "f1|b9|down|length")]
    public void A_press_is_encoded_in_its_versioned_form_and_reads_back_the_same(FeedbackTargetKind kind, long id, bool up, FeedbackReason? reason, string expected)
    {
        var press = new FeedbackPress(new FeedbackTarget(kind, id), up, reason);

        var payload = FeedbackPayload.Encode(press);

        Assert.Equal(expected, payload);
        Assert.True(FeedbackPayload.TryDecode(payload, out var decoded, out _));
        Assert.Equal(press, decoded);
    }

    [Theory]
    [InlineData("f2|b42|up", "unknown version")]
    [InlineData("s1|-100|market|on", "unknown version")]
    [InlineData("f1|b42", "malformed")]
    [InlineData("f1|b42|up|fact|more", "malformed")]
    [InlineData("f1|x42|up", "malformed")]
    [InlineData("f1|b|up", "malformed")]
    [InlineData("f1|b0|up", "malformed")]
    [InlineData("f1|b-3|up", "malformed")]
    [InlineData("f1|b4 2|up", "malformed")]
    [InlineData("f1|b99999999999999999999|up", "malformed")]
    [InlineData("f1|b42|UP", "malformed")]
    [InlineData("f1|b42|sideways", "malformed")]
    [InlineData("f1|b42|up|fact", "malformed reason")]
    [InlineData("f1|b42|down|boring", "malformed reason")]
    [InlineData("", "empty or too long")]
    [InlineData(null, "empty or too long")]
    public void Anything_else_is_refused_with_a_reason(string? payload, string reason)
    {
        Assert.False(FeedbackPayload.TryDecode(payload, out _, out var why));
        Assert.Equal(reason, why);
    }

    [Fact]
    public void A_payload_over_telegrams_64_bytes_is_refused()
    {
        var payload = "f1|b1|down|" + new string('x', 60);

        Assert.False(FeedbackPayload.TryDecode(payload, out _, out var why));
        Assert.Equal("empty or too long", why);
    }

    [Theory]
    [InlineData("f1|b42|up", true)]
    [InlineData("f9|anything", true)]
    [InlineData("s1|-100|market|on", false)]
    [InlineData("fact", false)]
    [InlineData("f", false)]
    [InlineData(null, false)]
    public void Only_payloads_of_an_f_version_are_taken_for_feedback(string? payload, bool feedback) =>
        Assert.Equal(feedback, FeedbackPayload.IsFeedback(payload));

    [Fact]
    public void Every_button_fits_telegrams_64_bytes_for_the_largest_ids()
    {
        var rows = FeedbackButtons.VotesAndReasons(FeedbackTarget.Answer(long.MaxValue), ReplyTexts.English);

        Assert.Equal([2, 3], rows.Select(r => r.Count));
        Assert.All(rows.SelectMany(r => r), b => Assert.InRange(Encoding.UTF8.GetByteCount(b.Payload), 1, ReplyButton.MaxPayloadBytes));
        Assert.Equal(["👍", "👎", "Wrong fact", "Not relevant", "Too long"], rows.SelectMany(r => r).Select(b => b.Label));
        Assert.All(rows[1], b => Assert.True(FeedbackPayload.TryDecode(b.Payload, out var press, out _) && !press.Up && press.Reason is not null, b.Payload));
    }
}
