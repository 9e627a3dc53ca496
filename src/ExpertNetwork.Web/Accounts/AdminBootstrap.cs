using ExpertNetwork.Accounts;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Web.Accounts;

/// <summary>Creates the first admin from the environment when the store has none; runs after the migrations.</summary>
internal sealed class AdminBootstrap(UserStore users, AccountService accounts, IOptions<AccountsOptions> options, ILogger<AdminBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await users.CountInRoleAsync(Roles.Admin, cancellationToken) > 0)
        {
            return;
        }

        var (email, password) = (options.Value.AdminEmail, options.Value.AdminPassword);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            logger.LogWarning("No admin account exists; set {EmailVariable} and {PasswordVariable} and restart to create one",
                AccountsOptions.AdminEmailVariable, AccountsOptions.AdminPasswordVariable);
            return;
        }

        // Whoever made that account chose its password, perhaps before the operator came: it is never made admin here.
        if (await users.FindByEmailAsync(email, cancellationToken) is { } existing)
        {
            if (existing.Role == Roles.Admin)
            {
                // Another app process on the same data directory created it since the count above.
                return;
            }

            logger.LogError(
                "No admin was created: an account {Email} ({AdminEmailVariable}) already exists and someone else may have made it, so it is not made admin. " +
                "To make it the admin with a password of your choosing, run 'expertnet users promote {Email} --data <data directory>' and type the password on standard input; " +
                "or set {AdminEmailVariable} to another address and restart",
                email, AccountsOptions.AdminEmailVariable, email, AccountsOptions.AdminEmailVariable);
            return;
        }

        var result = await accounts.CreateAsync(email, "Admin", Roles.Admin, password, cancellationToken);
        if (result.Error is AccountError.EmailTaken && await users.CountInRoleAsync(Roles.Admin, cancellationToken) > 0)
        {
            // Another app process on the same data directory created it a moment ago.
            return;
        }

        if (result.Error is { } error)
        {
            throw new InvalidOperationException($"Could not create the first admin from {AccountsOptions.AdminEmailVariable}: {error}");
        }

        logger.LogInformation("Created the first admin {Email}", email);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
