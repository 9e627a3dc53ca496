using System.CommandLine;
using ExpertNetwork.Accounts;
using ExpertNetwork.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Cli.Web;

/// <summary>
/// Accounts for the operator, who has the data directory: the way to the first admin that no visitor of the
/// site can pre-empt. The password is read from standard input, never an argument, so it stays out of the shell
/// history and the process list.
/// </summary>
public static class UserCommands
{
    public static Command Create()
    {
        var command = new Command("users", "Accounts on the data directory, for the operator (password from standard input)");
        command.Subcommands.Add(CreateUser());
        command.Subcommands.Add(Promote());
        return command;
    }

    private static Command CreateUser()
    {
        var email = new Argument<string>("email") { Description = "The new account's email address" };
        var role = new Option<string>("--role") { Description = "admin, recruiter, organiser or researcher", DefaultValueFactory = _ => Roles.Admin };
        var name = new Option<string?>("--name") { Description = "Display name" };
        var command = new Command("create", "Creates an account, active at once (an admin by default); reads its password from standard input") { email, role, name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var password = await ReadPasswordAsync();
            await using var services = await CliRunner.ServicesAsync(parse, cancellationToken);
            var result = await Accounts(services).CreateAsync(parse.GetValue(email)!, parse.GetValue(name), parse.GetValue(role)!, password, cancellationToken);
            if (result.Error is { } error)
            {
                throw new CliException($"{parse.GetValue(email)}: {Describe(error)}");
            }

            parse.InvocationConfiguration.Output.WriteLine($"Created {result.User!.Role} {result.User.Email}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Promote()
    {
        var email = new Argument<string>("email") { Description = "The existing account's email address" };
        var command = new Command(
            "promote",
            "Makes an existing account an admin and sets its password (read from standard input) at once; it is enabled, and its old password and sessions stop working")
        { email };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var password = await ReadPasswordAsync();
            await using var services = await CliRunner.ServicesAsync(parse, cancellationToken);
            var result = await Accounts(services).PromoteAsync(parse.GetValue(email)!, password, cancellationToken);
            if (result.Error is { } error)
            {
                throw new CliException($"{parse.GetValue(email)}: {Describe(error)}");
            }

            parse.InvocationConfiguration.Output.WriteLine($"{result.User!.Email} is an admin with the new password");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static AccountService Accounts(IServiceProvider services) =>
        new(services.GetRequiredService<UserStore>(), new PasswordHasher<UserAccount>(), Options.Create(new AccountsOptions()));

    /// <summary>The first line of standard input, so <c>printf '%s\n' "$PW" | expertnet users ...</c> and a typed line both work.</summary>
    private static async Task<string> ReadPasswordAsync()
    {
        var line = Console.IsInputRedirected ? await Console.In.ReadLineAsync() : ReadHidden();
        return string.IsNullOrEmpty(line) ? throw new CliException("No password on standard input.") : line;
    }

    /// <summary>Typed at a terminal without echo.</summary>
    private static string ReadHidden()
    {
        Console.Error.Write("Password: ");
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return typed.ToString();
    }

    private static string Describe(AccountError error) => error switch
    {
        AccountError.InvalidEmail => "not a valid email address",
        AccountError.PasswordTooShort => $"the password needs at least {new AccountsOptions().MinimumPasswordLength} characters",
        AccountError.PasswordTooLong => $"the password may have at most {AccountService.MaxPasswordLength} characters",
        AccountError.EmailTaken => "an account with this email exists already (use 'expertnet users promote' to make it an admin)",
        AccountError.UnknownRole => "unknown role (admin, recruiter, organiser or researcher)",
        AccountError.UnknownAccount => "no account has this email (use 'expertnet users create')",
        _ => error.ToString(),
    };
}
