using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace TutorApp.Data.DataProtection;

/// <summary>
/// The data-protection key ring in <c>data_protection_keys</c>. The key manager calls this synchronously and caches
/// what it reads (it re-reads when a key nears expiry, or when a payload names a key it does not know yet).
/// </summary>
public sealed class DatabaseXmlRepository(IDbContextFactory<TutorDbContext> contextFactory, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = contextFactory.CreateDbContext();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList()
            .Select(xml => XElement.Parse(xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = contextFactory.CreateDbContext();
        db.DataProtectionKeys.Add(new StoredDataProtectionKey
        {
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
            CreatedAt = clock.GetUtcNow(),
        });
        db.SaveChanges();
    }
}
