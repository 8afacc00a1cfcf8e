using Microsoft.AspNetCore.Identity;

namespace TutorApp.Data.Identity;

public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
