using static TutorApp.IntegrationTests.Security.Outcome;

namespace TutorApp.IntegrationTests.Security;

/// <summary>What a request gets, judged from outside.</summary>
public enum Outcome
{
    /// <summary>Served (any status below 500 except a refusal); where the route names the owner's data, that data is in the answer.</summary>
    Ok,
    /// <summary>Sent to the login page (pages, for an anonymous visitor).</summary>
    Login,
    /// <summary>401 (the JSON API, for an anonymous caller).</summary>
    Unauthorized,
    /// <summary>403: signed in, but without the role.</summary>
    Forbidden,
    /// <summary>Has the role but not the data: refused (403/404, or a page that says so), and none of the owner's data shown.</summary>
    NotOwner,
}

/// <summary>The six callers every endpoint is tried with; "other" ones have the role but own none of the route's data.</summary>
public enum Caller { Anonymous, Student, OtherStudent, Teacher, OtherTeacher, Admin }

/// <summary>
/// THE authorization matrix: every route pattern the app maps (minimal API endpoints and Blazor pages alike, all their
/// methods), with the outcome for each caller. A route missing here fails <see cref="AuthorizationMatrixTests"/> with its
/// name; add one line. Route parameters get sample values owned by <see cref="Caller.Student"/> (and
/// <see cref="Caller.Teacher"/>), see <see cref="AuthorizationMatrixFixture.RouteValues"/>.
/// </summary>
public static class AuthorizationMatrix
{
    public static readonly IReadOnlyDictionary<string, Outcome[]> Expected = new Dictionary<string, Outcome[]>(StringComparer.Ordinal)
    {
        // route pattern                                        anonymous     student    other student  teacher    other teacher  admin
        ["/"]                                             = [Login,         Ok,        Ok,            Ok,        Ok,            Ok],
        ["/account/login"]                                = [Ok,           Ok,        Ok,            Ok,        Ok,            Ok],
        ["/account/logout"]                               = [Login,        Ok,        Ok,            Ok,        Ok,            Ok],
        ["/error"]                                        = [Ok,           Ok,        Ok,            Ok,        Ok,            Ok],
        ["/error/{StatusCode:int}"]                       = [Ok,           Ok,        Ok,            Ok,        Ok,            Ok],
        ["/not-found"]                                    = [Ok,           Ok,        Ok,            Ok,        Ok,            Ok],
        ["/health"]                                       = [Ok,           Ok,        Ok,            Ok,        Ok,            Ok],
        ["/health/ready"]                                 = [Ok,           Ok,        Ok,            Ok,        Ok,            Ok],
        // No role opens the metrics, only an allowed network or the metrics token; the in-process server's requests have no
        // client address, so every caller is refused here (MultiInstanceTests checks loopback and the token).
        ["/metrics"]                                      = [Forbidden,    Forbidden, Forbidden,     Forbidden, Forbidden,     Forbidden],

        ["/student"]                                      = [Login,        Ok,        Ok,            Forbidden, Forbidden,     Forbidden],
        ["/student/sessions/{SessionId:long}"]            = [Login,        Ok,        NotOwner,      Forbidden, Forbidden,     Forbidden],
        ["/api/v1/auth/token"]                            = [Ok,           Ok,        Ok,            Ok,        Ok,            Ok],
        // Open to all, but the probe carries no refresh token: 401 whoever calls (SessionApiTests refreshes a real one).
        ["/api/v1/auth/refresh"]                          = [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized],
        ["/api/v1/sessions/"]                             = [Unauthorized, Ok,        Ok,            Forbidden, Forbidden,     Forbidden],
        ["/api/v1/sessions/{sessionId:long}"]             = [Unauthorized, Ok,        NotOwner,      Forbidden, Forbidden,     Forbidden],
        ["/api/v1/sessions/{sessionId:long}/messages"]    = [Unauthorized, Ok,        NotOwner,      Forbidden, Forbidden,     Forbidden],

        // Classes: the owning teacher and admins; another teacher has the role but not the class.
        ["/teacher"]                                      = [Login,        Forbidden, Forbidden,     Ok,        Ok,            Ok],
        ["/teacher/classes/{ClassId:int}"]                = [Login,        Forbidden, Forbidden,     Ok,        NotOwner,      Ok],
        ["/teacher/classes/{ClassId:int}/students"]       = [Login,        Forbidden, Forbidden,     Ok,        NotOwner,      Ok],
        ["/teacher/classes/{ClassId:int}/assignments"]    = [Login,        Forbidden, Forbidden,     Ok,        NotOwner,      Ok],
        ["/teacher/classes/{ClassId:int}/skills/{SkillId:int}"]= [Login,        Forbidden, Forbidden,     Ok,        NotOwner,      Ok],
        ["/teacher/classes/{ClassId:int}/students/{StudentId}"]= [Login,        Forbidden, Forbidden,     Ok,        NotOwner,      Ok],
        ["/teacher/classes/{classId:int}/heatmap.csv"]    = [Login,        Forbidden, Forbidden,     Ok,        NotOwner,      Ok],
        ["/teacher/classes/{classId:int}/students/{studentId}/history.csv"]= [Login,        Forbidden, Forbidden,     Ok,        NotOwner,      Ok],
        ["/api/v1/classes/"]                              = [Unauthorized, Forbidden, Forbidden,     Ok,        Ok,            Ok],
        ["/api/v1/classes/{classId:int}/"]                = [Unauthorized, Forbidden, Forbidden,     Ok,        NotOwner,      Ok],
        ["/api/v1/classes/{classId:int}/heatmap"]         = [Unauthorized, Forbidden, Forbidden,     Ok,        NotOwner,      Ok],
        ["/api/v1/classes/{classId:int}/at-risk"]         = [Unauthorized, Forbidden, Forbidden,     Ok,        NotOwner,      Ok],
        ["/api/v1/classes/{classId:int}/skills/{skillId:int}"]= [Unauthorized, Forbidden, Forbidden,     Ok,        NotOwner,      Ok],
        ["/api/v1/classes/{classId:int}/students/{studentId}"]= [Unauthorized, Forbidden, Forbidden,     Ok,        NotOwner,      Ok],
        ["/api/v1/classes/{classId:int}/students/{studentId}/sessions/{sessionId:long}"]= [Unauthorized, Forbidden, Forbidden,     Ok,        NotOwner,      Ok],
        ["/api/v1/classes/{classId:int}/assignments"]     = [Unauthorized, Forbidden, Forbidden,     Ok,        NotOwner,      Ok],
        ["/api/v1/classes/{classId:int}/roster"]          = [Unauthorized, Forbidden, Forbidden,     Ok,        NotOwner,      Ok],
        ["/api/v1/class-memberships"]                     = [Unauthorized, Ok,        Ok,            Forbidden, Forbidden,     Forbidden],
        ["/api/v1/assignments"]                           = [Unauthorized, Ok,        Ok,            Forbidden, Forbidden,     Forbidden],

        ["/admin"]                                        = [Login,        Forbidden, Forbidden,     Forbidden, Forbidden,     Ok],
        ["/admin/export"]                                 = [Login,        Forbidden, Forbidden,     Forbidden, Forbidden,     Ok],
        ["/admin/audit"]                                  = [Login,        Forbidden, Forbidden,     Forbidden, Forbidden,     Ok],
        ["/admin/students"]                               = [Login,        Forbidden, Forbidden,     Forbidden, Forbidden,     Ok],
        ["/admin/students/{studentId}/export"]            = [Login,        Forbidden, Forbidden,     Forbidden, Forbidden,     Ok],
        ["/admin/llm"]                                    = [Login,        Forbidden, Forbidden,     Forbidden, Forbidden,     Ok],
        ["/admin/knowledge-tracing"]                      = [Login,        Forbidden, Forbidden,     Forbidden, Forbidden,     Ok],
        ["/admin/skills"]                                 = [Login,        Forbidden, Forbidden,     Forbidden, Forbidden,     Ok],
        ["/admin/review"]                                 = [Login,        Forbidden, Forbidden,     Forbidden, Forbidden,     Ok],
        ["/admin/problems/versions/{VersionId:int}"]      = [Login,        Forbidden, Forbidden,     Forbidden, Forbidden,     Ok],
        ["/admin/problems/versions/{VersionId:int}/preview"] = [Login,     Forbidden, Forbidden,     Forbidden, Forbidden,     Ok],
    };

    /// <summary>
    /// Framework plumbing that every visitor must reach (the Blazor circuit's hub and scripts, component libraries' static
    /// assets, the static-asset fallback): matched by prefix, each checked to be open to all, never to reveal data.
    /// </summary>
    public static readonly IReadOnlyList<string> PublicPlumbingPrefixes = ["/_blazor", "/_framework/", "/_content/", "/TutorApp.Web", "/{**path:file}"];
}
