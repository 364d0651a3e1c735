using System.Text;
using CpAlerts.Functions.Web;

namespace CpAlerts.Functions.Tests;

/// <summary>The signed-in email from App Service authentication's headers, as "Work with user identities" documents them.</summary>
public class PlatformPrincipalTests
{
    private static string Principal(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"name","val":"Sam Worker"},{"typ":"preferred_username","val":"sam.worker@council.example"}],"name_typ":"name","role_typ":"roles"}""", null, "sam.worker@council.example")]
    [InlineData("""{"claims":[{"typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn","val":"sam@council.example"}]}""", null, "sam@council.example")]
    [InlineData("""{"claims":[{"typ":"preferred_username","val":"not an address"}]}""", null, null)]
    [InlineData("""{"claims":[{"typ":"name","val":"Sam"}]}""", "sam.worker@council.example", "sam.worker@council.example")] // fewer claims: the name header
    [InlineData("""{"claims":"not a list"}""", "Sam Worker", null)]
    public void The_email_comes_from_the_claims_else_the_name_header(string json, string? name, string? email) =>
        Assert.Equal(email, PlatformPrincipal.Email(Principal(json), name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("%%% not base64")]
    public void No_or_unreadable_principal_is_nobody(string? header)
    {
        Assert.Null(PlatformPrincipal.Email(header));
        Assert.Null(PlatformPrincipal.Email(Principal("not json")));
    }
}
