using System.ComponentModel.DataAnnotations;
using CryptoDigest.Feeds.Email;

namespace CryptoDigest.Tests.Feeds.Email;

public class EmailOptionsTests
{
    [Theory]
    [InlineData("mx.google.com", true)]
    [InlineData("mx.google.com; dmarc=pass", false)]
    [InlineData("mx google", false)]
    public void The_trusted_authserv_id_is_validated_at_start_naming_its_key(string value, bool valid)
    {
        var errors = Errors(new EmailOptions { Host = "imap.example.com", Username = "bot", Password = "p", TrustedAuthservId = value });

        Assert.Equal(valid, errors.Count == 0);
        Assert.All(errors, e => Assert.StartsWith("Email:TrustedAuthservId", e, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void Attempts_per_message_are_between_one_and_ten(int attempts)
    {
        var errors = Errors(new EmailOptions { MaxAttemptsPerMessage = attempts });

        Assert.Equal(["Email:MaxAttemptsPerMessage must be between 1 and 10."], errors);
    }

    [Fact]
    public void Authentication_is_required_by_default_and_without_a_trusted_id_no_header_can_vouch()
    {
        var options = new EmailOptions { Host = "imap.example.com", Username = "bot", Password = "p" };

        Assert.True(options.RequireAuthentication);
        Assert.True(options.TrustsNoHeader);
        Assert.False(new EmailOptions { TrustedAuthservId = "mx.google.com" }.TrustsNoHeader);
        Assert.False(new EmailOptions { RequireAuthentication = false }.TrustsNoHeader);
    }

    private static List<string?> Errors(EmailOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage).ToList();
    }
}
