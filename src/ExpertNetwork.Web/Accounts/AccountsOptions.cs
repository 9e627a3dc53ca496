using System.ComponentModel.DataAnnotations;

namespace ExpertNetwork.Web.Accounts;

public sealed class AccountsOptions : IValidatableObject
{
    public const string Section = "Accounts";
    public const string AdminEmailVariable = "EXPERTNET_ADMIN_EMAIL";
    public const string AdminPasswordVariable = "EXPERTNET_ADMIN_PASSWORD";

    /// <summary>The first admin, created on a start-up that finds no admin. Comes from the environment, never from a file.</summary>
    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    [Range(8, 128)]
    public int MinimumPasswordLength { get; set; } = 10;

    [Range(1, 24 * 30)]
    public int SessionHours { get; set; } = 12;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(AdminEmail) != string.IsNullOrWhiteSpace(AdminPassword))
        {
            yield return new ValidationResult(
                $"Set both {AdminEmailVariable} and {AdminPasswordVariable}, or neither.",
                [nameof(AdminEmail), nameof(AdminPassword)]);
        }
        else if (!string.IsNullOrWhiteSpace(AdminEmail) && !new EmailAddressAttribute().IsValid(AdminEmail))
        {
            yield return new ValidationResult($"{AdminEmailVariable} is not an email address.", [nameof(AdminEmail)]);
        }
        else if (!string.IsNullOrEmpty(AdminPassword) && AdminPassword.Length < MinimumPasswordLength)
        {
            yield return new ValidationResult(
                $"{AdminPasswordVariable} must have at least {MinimumPasswordLength} characters.", [nameof(AdminPassword)]);
        }
    }
}

internal static class AccountsEnvironment
{
    public static IConfigurationBuilder AddAccountsEnvironment(this IConfigurationBuilder configuration)
    {
        var values = new Dictionary<string, string?>
        {
            [$"{AccountsOptions.Section}:{nameof(AccountsOptions.AdminEmail)}"] = Environment.GetEnvironmentVariable(AccountsOptions.AdminEmailVariable),
            [$"{AccountsOptions.Section}:{nameof(AccountsOptions.AdminPassword)}"] = Environment.GetEnvironmentVariable(AccountsOptions.AdminPasswordVariable),
        };
        return configuration.AddInMemoryCollection(values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}
