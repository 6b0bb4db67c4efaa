using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest;

/// <summary>
/// Validation of settings classes that reports exactly the messages written on them (each names
/// its configuration key), rather than the framework's longer "DataAnnotation validation failed
/// for ..." wording, so a bad setting stops the start with one readable line.
/// </summary>
public static class OptionsBuilderExtensions
{
    public static OptionsBuilder<TOptions> ValidateSettings<TOptions>(this OptionsBuilder<TOptions> builder)
        where TOptions : class
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new SettingsValidator<TOptions>(builder.Name));
        return builder.ValidateOnStart();
    }

    private sealed class SettingsValidator<TOptions>(string? name) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? optionsName, TOptions options)
        {
            if (name is not null && name != optionsName)
            {
                return ValidateOptionsResult.Skip;
            }

            var results = new List<ValidationResult>();
            return Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(results.Select(r => r.ErrorMessage ?? "invalid setting"));
        }
    }
}
