using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Researchers;
using ExpertNetwork.Web.Localisation;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExpertNetwork.Web.Accounts;

/// <summary>A researcher's linked profile as the users page shows it.</summary>
public sealed record LinkedProfile(string ExpertId, string? FullName);

// Creating staff accounts, granting roles, disabling, deleting and linking researchers to profiles are the admins' alone.
[Authorize(Policy = Policies.Admin)]
public sealed class UsersModel(UserStore users, AccountService accounts, ProfileClaims claims, ExpertStore store, Texts texts) : PageModel
{
    public IReadOnlyList<UserAccount> Users { get; private set; } = [];

    public IReadOnlyDictionary<string, LinkedProfile> Profiles { get; private set; } = new Dictionary<string, LinkedProfile>();

    public List<string> Errors { get; } = [];

    public int MinimumPasswordLength => accounts.MinimumPasswordLength;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(string? email, string? displayName, string? role, string? password, CancellationToken cancellationToken)
    {
        var result = await accounts.CreateAsync(email ?? "", displayName, role ?? "", password ?? "", cancellationToken);
        if (result.Error is { } error)
        {
            Errors.Add("error." + error);
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData["Flash"] = texts.Format("users.created", result.User!.Email);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRoleAsync(string id, string? role, CancellationToken cancellationToken)
    {
        var result = await accounts.ChangeRoleAsync(id, role ?? "", cancellationToken);
        if (result != RoleChangeResult.Changed)
        {
            Errors.Add("error." + result);
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData["Flash"] = texts["users.roleChanged"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync(string id, CancellationToken cancellationToken) =>
        await ChangedAsync(await accounts.SetDisabledAsync(id, true, User.Id(), cancellationToken), "users.disabled", cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(string id, CancellationToken cancellationToken) =>
        await ChangedAsync(await accounts.SetDisabledAsync(id, false, User.Id(), cancellationToken), "users.enabled", cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(string id, string? confirm, CancellationToken cancellationToken)
    {
        if (confirm != "on")
        {
            Errors.Add("users.delete.confirmNeeded");
            await LoadAsync(cancellationToken);
            return Page();
        }

        return await ChangedAsync(await accounts.DeleteAsync(id, User.Id(), cancellationToken), "users.deleted", cancellationToken);
    }

    /// <summary>Links a researcher to a profile directly, for profiles without an email or a researcher an admin has checked another way.</summary>
    public async Task<IActionResult> OnPostLinkAsync(string id, string? expertId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        if (user.Role != Roles.Researcher)
        {
            Errors.Add("users.link.notResearcher");
        }
        else
        {
            var result = await claims.LinkAsync(user.Id, (expertId ?? "").Trim(), User.ChangedBy(), cancellationToken);
            if (result.Outcome == ClaimOutcome.Claimed)
            {
                TempData["Flash"] = texts.Format("users.linked", user.Email, result.ExpertId);
                return RedirectToPage();
            }

            Errors.Add("users.link." + result.Outcome);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<IActionResult> ChangedAsync(AccountChangeResult result, string done, CancellationToken cancellationToken)
    {
        if (result == AccountChangeResult.NotFound)
        {
            return NotFound();
        }

        if (result != AccountChangeResult.Changed)
        {
            Errors.Add("users.refused." + result);
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData["Flash"] = texts[done];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Users = await users.ListAsync(cancellationToken);
        var linked = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var researcher in Users.Where(u => u.Role == Roles.Researcher))
        {
            if (await claims.ForUserAsync(researcher.Id, cancellationToken) is { } claim)
            {
                linked[researcher.Id] = claim.ExpertId;
            }
        }

        var names = (await store.GetManyAsync(linked.Values.ToList(), cancellationToken)).ToDictionary(s => s.Expert.Id, s => s.Expert.FullName, StringComparer.Ordinal);
        Profiles = linked.ToDictionary(l => l.Key, l => new LinkedProfile(l.Value, names.GetValueOrDefault(l.Value)));
    }
}
