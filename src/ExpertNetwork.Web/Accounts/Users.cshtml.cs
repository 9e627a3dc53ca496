using ExpertNetwork.Accounts;
using ExpertNetwork.Web.Localisation;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExpertNetwork.Web.Accounts;

// Creating staff accounts and granting roles is the admins' alone.
[Authorize(Policy = Policies.Admin)]
public sealed class UsersModel(UserStore users, AccountService accounts, Texts texts) : PageModel
{
    public IReadOnlyList<UserAccount> Users { get; private set; } = [];

    public List<string> Errors { get; } = [];

    public int MinimumPasswordLength => accounts.MinimumPasswordLength;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Users = await users.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(string? email, string? displayName, string? role, string? password, CancellationToken cancellationToken)
    {
        var result = await accounts.CreateAsync(email ?? "", displayName, role ?? "", password ?? "", cancellationToken);
        if (result.Error is { } error)
        {
            Errors.Add("error." + error);
            Users = await users.ListAsync(cancellationToken);
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
            Users = await users.ListAsync(cancellationToken);
            return Page();
        }

        TempData["Flash"] = texts["users.roleChanged"];
        return RedirectToPage();
    }
}
