using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExpertNetwork.Web.Accounts;

// Shown to signed-in users whose role lacks access; it reveals nothing beyond that.
[AllowAnonymous]
public sealed class DeniedModel : PageModel
{
    public void OnGet()
    {
    }
}
