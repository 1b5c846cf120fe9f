package io.saasstack.auth.clerk;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasMalformedResponseException;
import io.saasstack.core.SaasRateLimitException;
import io.saasstack.core.SaasTransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ReactiveClerkOrganizations} and {@link ClerkOrganizations} against WireMock:
 * the exact request of every call (method, path, query, headers, JSON body; BAPI OpenAPI
 * 2026-05-12), the mapping of the typed records, errors decoded as the other Clerk calls, and
 * arguments refused before any call.
 */
class ClerkOrganizationsTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String ORG_ID = "org_2bTlKoGuJpxNFPt6ZvmrClYBcYm";

	/** An {@code Organization} as in the BAPI schema, with fields this client does not map. */
	static final String ORGANIZATION = """
			{
			  "object": "organization",
			  "id": "org_2bTlKoGuJpxNFPt6ZvmrClYBcYm",
			  "name": "Acme",
			  "slug": "acme",
			  "image_url": "https://img.clerk.com/org.png",
			  "has_image": true,
			  "members_count": 3,
			  "missing_member_with_elevated_permissions": false,
			  "pending_invitations_count": 1,
			  "max_allowed_memberships": 5,
			  "admin_delete_enabled": true,
			  "public_metadata": {"plan": "team"},
			  "private_metadata": {"stripe": "cus_1"},
			  "created_by": "user_1",
			  "created_at": 1700000000123,
			  "updated_at": 1700000100456,
			  "last_active_at": 1700000200000,
			  "role_set_key": null
			}
			""";

	static final String MEMBERSHIP = """
			{
			  "object": "organization_membership",
			  "id": "orgmem_1",
			  "role": "org:admin",
			  "role_name": "Admin",
			  "permissions": ["org:sys_memberships:manage", "org:sys_profile:manage"],
			  "public_metadata": {},
			  "private_metadata": {"seat": 7},
			  "organization": %s,
			  "public_user_data": {"user_id": "user_2", "first_name": "Ada", "last_name": null,
			    "profile_image_url": null, "image_url": "https://img.clerk.com/u.png", "has_image": false,
			    "identifier": "ada@example.com", "username": null},
			  "created_at": 1700000300000,
			  "updated_at": 1700000300000
			}
			""".formatted(ORGANIZATION);

	static final String INVITATION = """
			{
			  "object": "organization_invitation",
			  "id": "orginv_1",
			  "email_address": "bob@example.com",
			  "role": "org:member",
			  "role_name": "Member",
			  "organization_id": "org_2bTlKoGuJpxNFPt6ZvmrClYBcYm",
			  "inviter_id": null,
			  "public_inviter_data": null,
			  "status": "pending",
			  "public_metadata": {},
			  "url": null,
			  "expires_at": 1702592000000,
			  "created_at": 1700000000000,
			  "updated_at": 1700000000000
			}
			""";

	static ReactiveClerkOrganizations organizations() {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wm.baseUrl())) {
		};
		properties.setConnectTimeout(Duration.ofSeconds(2));
		// generous: the first decoding of the records is slow on a loaded machine, and no test waits for a timeout
		properties.setResponseTimeout(Duration.ofSeconds(30));
		properties.getRetry().setMaxAttempts(3);
		properties.getRetry().setInitialBackoff(Duration.ofMillis(10));
		properties.getRetry().setMaxBackoff(Duration.ofMillis(50));
		properties.getRetry().setMaxElapsedTime(Duration.ofSeconds(60));
		return new ReactiveClerkOrganizations(ClerkUsers.httpClient(SaasHttpClientFactory.standalone(), properties,
				ClerkUsersTests.SECRET_KEY));
	}

	static ClerkOrganizations blocking() {
		return new ClerkOrganizations(organizations());
	}

	static void verifyOne(RequestPatternBuilder pattern) {
		wm.verify(exactly(1), headers(pattern).withHeader("Content-Type", absent()));
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	static void verifyOne(RequestPatternBuilder pattern, String json) {
		wm.verify(exactly(1), headers(pattern).withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson(json, false, false)));
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	static RequestPatternBuilder headers(RequestPatternBuilder pattern) {
		return pattern.withHeader("Authorization", equalTo("Bearer " + ClerkUsersTests.SECRET_KEY))
			.withHeader("Clerk-API-Version", equalTo("2026-05-12"))
			.withHeader("User-Agent", matching("saas-stack/.+"))
			.withHeader("Accept", equalTo("application/json"));
	}

	static String list(String item, int total) {
		return "{\"data\":[" + item + "],\"total_count\":" + total + "}";
	}

	@Test
	void listsAPageWithEveryParameter() {
		wm.stubFor(get(urlEqualTo(
				"/v1/organizations?limit=20&offset=40&query=acme&order_by=-members_count&include_members_count=true"))
			.willReturn(okJson(list(ORGANIZATION, 41))));
		ClerkPage<ClerkOrganization> page = blocking()
			.list(ClerkOrganizationQuery.page(20, 40).matching("acme").orderBy("-members_count").withMembersCount());
		verifyOne(getRequestedFor(urlEqualTo(
				"/v1/organizations?limit=20&offset=40&query=acme&order_by=-members_count&include_members_count=true")));
		assertThat(page.totalCount()).isEqualTo(41);
		assertThat(page.data()).singleElement().satisfies(ClerkOrganizationsTests::isAcme);
	}

	@Test
	void aPlainPageSendsOnlyLimitAndOffset() {
		wm.stubFor(get(urlEqualTo("/v1/organizations?limit=10&offset=0")).willReturn(okJson(list("", 0))));
		ClerkPage<ClerkOrganization> page = blocking().list(ClerkOrganizationQuery.page(10, 0));
		verifyOne(getRequestedFor(urlEqualTo("/v1/organizations?limit=10&offset=0")));
		assertThat(page.data()).isEmpty();
		assertThat(page.totalCount()).isZero();
	}

	static void isAcme(ClerkOrganization organization) {
		assertThat(organization.id()).isEqualTo(ORG_ID);
		assertThat(organization.name()).isEqualTo("Acme");
		assertThat(organization.slug()).isEqualTo("acme");
		assertThat(organization.imageUrl()).isEqualTo("https://img.clerk.com/org.png");
		assertThat(organization.hasImage()).isTrue();
		assertThat(organization.membersCount()).isEqualTo(3);
		assertThat(organization.pendingInvitationsCount()).isEqualTo(1);
		assertThat(organization.maxAllowedMemberships()).isEqualTo(5);
		assertThat(organization.adminDeleteEnabled()).isTrue();
		assertThat(organization.publicMetadata()).containsExactly(Map.entry("plan", "team"));
		assertThat(organization.privateMetadata()).containsExactly(Map.entry("stripe", "cus_1"));
		assertThat(organization.createdBy()).isEqualTo("user_1");
		// Clerk's timestamps are milliseconds
		assertThat(organization.createdAt()).isEqualTo(Instant.ofEpochMilli(1700000000123L));
		assertThat(organization.updatedAt()).isEqualTo(Instant.ofEpochMilli(1700000100456L));
	}

	@Test
	void getsAnOrganizationByIdOrSlug() {
		wm.stubFor(get("/v1/organizations/acme").willReturn(okJson(ORGANIZATION)));
		ClerkOrganization organization = blocking().get("acme");
		verifyOne(getRequestedFor(urlEqualTo("/v1/organizations/acme")));
		isAcme(organization);
	}

	@Test
	void anOrganizationWithoutOptionalFieldsHasEmptyMetadata() {
		wm.stubFor(get("/v1/organizations/" + ORG_ID).willReturn(okJson("""
				{"object":"organization","id":"org_2bTlKoGuJpxNFPt6ZvmrClYBcYm","name":"Acme","slug":"acme",
				 "has_image":false,"max_allowed_memberships":0,"admin_delete_enabled":false,
				 "public_metadata":null,"created_at":1700000000000,"updated_at":1700000000000}
				""")));
		ClerkOrganization organization = blocking().get(ORG_ID);
		assertThat(organization.publicMetadata()).isEmpty();
		assertThat(organization.privateMetadata()).isEmpty();
		assertThat(organization.membersCount()).isNull();
		assertThat(organization.imageUrl()).isNull();
	}

	@Test
	void createsAnOrganizationSendingOnlyWhatIsSet() {
		wm.stubFor(post("/v1/organizations").willReturn(okJson(ORGANIZATION)));
		ClerkOrganization organization = blocking().create(NewClerkOrganization.named("Acme")
			.withSlug("acme")
			.withCreatedBy("user_1")
			.withMaxAllowedMemberships(5)
			.withMetadata(Map.of("plan", "team"), Map.of("stripe", "cus_1")));
		verifyOne(postRequestedFor(urlEqualTo("/v1/organizations")), """
				{"name":"Acme","slug":"acme","created_by":"user_1","max_allowed_memberships":5,
				 "public_metadata":{"plan":"team"},"private_metadata":{"stripe":"cus_1"}}
				""");
		isAcme(organization);
	}

	@Test
	void createsAnOrganizationWithANameOnly() {
		wm.stubFor(post("/v1/organizations").willReturn(okJson(ORGANIZATION)));
		blocking().create(NewClerkOrganization.named("Acme"));
		verifyOne(postRequestedFor(urlEqualTo("/v1/organizations")), "{\"name\":\"Acme\"}");
	}

	@Test
	void aFailedCreateIsNotRetried() {
		wm.stubFor(post("/v1/organizations").willReturn(aResponse().withStatus(503)));
		assertThatExceptionOfType(SaasApiException.class)
			.isThrownBy(() -> blocking().create(NewClerkOrganization.named("Acme")))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(503));
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	@Test
	void updatesSettingsWithoutMetadata() {
		wm.stubFor(patch(urlEqualTo("/v1/organizations/" + ORG_ID)).willReturn(okJson(ORGANIZATION)));
		blocking().update(ORG_ID,
				ClerkOrganizationChanges.none().withName("Acme Inc.").withSlug("acme-inc").withAdminDeleteEnabled(false));
		verifyOne(patchRequestedFor(urlEqualTo("/v1/organizations/" + ORG_ID)),
				"{\"name\":\"Acme Inc.\",\"slug\":\"acme-inc\",\"admin_delete_enabled\":false}");
	}

	@Test
	void retriesAnUpdateThatFailedWithA503() {
		wm.stubFor(patch(urlEqualTo("/v1/organizations/" + ORG_ID)).inScenario("update")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		wm.stubFor(patch(urlEqualTo("/v1/organizations/" + ORG_ID)).inScenario("update")
			.whenScenarioStateIs("up")
			.willReturn(okJson(ORGANIZATION)));
		blocking().update(ORG_ID, ClerkOrganizationChanges.none().withMaxAllowedMemberships(9));
		wm.verify(exactly(2), patchRequestedFor(urlEqualTo("/v1/organizations/" + ORG_ID))
			.withRequestBody(equalToJson("{\"max_allowed_memberships\":9}", false, false)));
	}

	@Test
	void deletesAnOrganizationAndAGoneOneIsNoError() {
		wm.stubFor(delete("/v1/organizations/" + ORG_ID)
			.willReturn(okJson("{\"object\":\"organization\",\"id\":\"" + ORG_ID + "\",\"deleted\":true}")));
		blocking().delete(ORG_ID);
		verifyOne(deleteRequestedFor(urlEqualTo("/v1/organizations/" + ORG_ID)));
		wm.resetAll();
		wm.stubFor(delete("/v1/organizations/org_gone").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody(ClerkUsersTests.notFound())));
		blocking().delete("org_gone");
		wm.stubFor(delete("/v1/organizations/org_locked").willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[{\"code\":\"not_allowed\",\"message\":\"no\",\"long_message\":\"Not allowed\"}]}")));
		assertThatExceptionOfType(SaasApiException.class).isThrownBy(() -> blocking().delete("org_locked"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("not_allowed"));
	}

	@Test
	void mergesMetadataThroughTheMetadataEndpointKeepingNullsThatDeleteKeys() {
		wm.stubFor(patch(urlEqualTo("/v1/organizations/" + ORG_ID + "/metadata")).willReturn(okJson(ORGANIZATION)));
		Map<String, Object> publicMetadata = new LinkedHashMap<>();
		publicMetadata.put("plan", "team");
		publicMetadata.put("trial", null);
		ClerkOrganization organization = blocking().updateMetadata(ORG_ID, publicMetadata, Map.of());
		verifyOne(patchRequestedFor(urlEqualTo("/v1/organizations/" + ORG_ID + "/metadata")),
				"{\"public_metadata\":{\"plan\":\"team\",\"trial\":null}}");
		isAcme(organization);
	}

	@Test
	void replacesMetadata() {
		wm.stubFor(put(urlEqualTo("/v1/organizations/" + ORG_ID + "/metadata")).willReturn(okJson(ORGANIZATION)));
		blocking().replaceMetadata(ORG_ID, Map.of("plan", "team"), Map.of("stripe", "cus_1"));
		verifyOne(putRequestedFor(urlEqualTo("/v1/organizations/" + ORG_ID + "/metadata")),
				"{\"public_metadata\":{\"plan\":\"team\"},\"private_metadata\":{\"stripe\":\"cus_1\"}}");
	}

	@Test
	void listsMembers() {
		wm.stubFor(get(urlEqualTo("/v1/organizations/" + ORG_ID + "/memberships?limit=50&offset=100"))
			.willReturn(okJson(list(MEMBERSHIP, 101))));
		ClerkPage<ClerkOrganizationMembership> page = blocking().memberships(ORG_ID, 50, 100);
		verifyOne(getRequestedFor(urlEqualTo("/v1/organizations/" + ORG_ID + "/memberships?limit=50&offset=100")));
		assertThat(page.totalCount()).isEqualTo(101);
		assertThat(page.data()).singleElement().satisfies(ClerkOrganizationsTests::isAdaAdmin);
	}

	static void isAdaAdmin(ClerkOrganizationMembership membership) {
		assertThat(membership.id()).isEqualTo("orgmem_1");
		assertThat(membership.role()).isEqualTo("org:admin");
		assertThat(membership.roleName()).isEqualTo("Admin");
		assertThat(membership.permissions()).containsExactly("org:sys_memberships:manage", "org:sys_profile:manage");
		assertThat(membership.publicMetadata()).isEmpty();
		assertThat(membership.privateMetadata()).containsExactly(Map.entry("seat", 7));
		assertThat(membership.userId()).isEqualTo("user_2");
		assertThat(membership.publicUserData()).isNotNull();
		assertThat(membership.publicUserData().identifier()).isEqualTo("ada@example.com");
		assertThat(membership.publicUserData().firstName()).isEqualTo("Ada");
		assertThat(membership.organization()).isNotNull().satisfies(ClerkOrganizationsTests::isAcme);
		assertThat(membership.createdAt()).isEqualTo(Instant.ofEpochMilli(1700000300000L));
	}

	@Test
	void addsAMember() {
		wm.stubFor(post("/v1/organizations/" + ORG_ID + "/memberships").willReturn(okJson(MEMBERSHIP)));
		ClerkOrganizationMembership membership = blocking().addMember(ORG_ID, "user_2", "org:admin");
		verifyOne(postRequestedFor(urlEqualTo("/v1/organizations/" + ORG_ID + "/memberships")),
				"{\"user_id\":\"user_2\",\"role\":\"org:admin\"}");
		isAdaAdmin(membership);
	}

	@Test
	void changesAMembersRole() {
		wm.stubFor(patch(urlEqualTo("/v1/organizations/" + ORG_ID + "/memberships/user_2")).willReturn(okJson(MEMBERSHIP)));
		blocking().changeRole(ORG_ID, "user_2", "org:admin");
		verifyOne(patchRequestedFor(urlEqualTo("/v1/organizations/" + ORG_ID + "/memberships/user_2")),
				"{\"role\":\"org:admin\"}");
	}

	@Test
	void removesAMember() {
		wm.stubFor(delete("/v1/organizations/" + ORG_ID + "/memberships/user_2").willReturn(okJson(MEMBERSHIP)));
		ClerkOrganizationMembership removed = blocking().removeMember(ORG_ID, "user_2");
		verifyOne(deleteRequestedFor(urlEqualTo("/v1/organizations/" + ORG_ID + "/memberships/user_2")));
		assertThat(removed.userId()).isEqualTo("user_2");
	}

	@Test
	void invitesWithEveryOption() {
		wm.stubFor(post("/v1/organizations/" + ORG_ID + "/invitations").willReturn(okJson(INVITATION)));
		ClerkOrganizationInvitation invitation = blocking().invite(ORG_ID,
				NewClerkInvitation.of("bob@example.com", "org:member")
					.withInviter("user_1")
					.withRedirectUrl("https://app.example.com/join")
					.withExpiresInDays(7)
					.withSendEmail(false)
					.withMetadata(Map.of("team", "blue"), Map.of("source", "admin")));
		verifyOne(postRequestedFor(urlEqualTo("/v1/organizations/" + ORG_ID + "/invitations")), """
				{"email_address":"bob@example.com","role":"org:member","inviter_user_id":"user_1",
				 "redirect_url":"https://app.example.com/join","expires_in_days":7,"notify":false,
				 "public_metadata":{"team":"blue"},"private_metadata":{"source":"admin"}}
				""");
		isBobPending(invitation);
	}

	static void isBobPending(ClerkOrganizationInvitation invitation) {
		assertThat(invitation.id()).isEqualTo("orginv_1");
		assertThat(invitation.emailAddress()).isEqualTo("bob@example.com");
		assertThat(invitation.role()).isEqualTo("org:member");
		assertThat(invitation.status()).isEqualTo("pending");
		assertThat(invitation.organizationId()).isEqualTo(ORG_ID);
		assertThat(invitation.inviterId()).isNull();
		assertThat(invitation.url()).isNull();
		assertThat(invitation.privateMetadata()).isEmpty();
		assertThat(invitation.expiresAt()).isEqualTo(Instant.ofEpochMilli(1702592000000L));
	}

	@Test
	void invitesWithTheRequiredFieldsOnly() {
		wm.stubFor(post("/v1/organizations/" + ORG_ID + "/invitations").willReturn(okJson(INVITATION)));
		blocking().invite(ORG_ID, NewClerkInvitation.of("bob@example.com", "org:member"));
		verifyOne(postRequestedFor(urlEqualTo("/v1/organizations/" + ORG_ID + "/invitations")),
				"{\"email_address\":\"bob@example.com\",\"role\":\"org:member\"}");
	}

	@Test
	void listsPendingInvitationsWithTheStatusFilter() {
		String url = "/v1/organizations/" + ORG_ID + "/invitations?status=pending&limit=10&offset=0";
		wm.stubFor(get(urlEqualTo(url)).willReturn(okJson(list(INVITATION, 1))));
		ClerkPage<ClerkOrganizationInvitation> page = blocking().pendingInvitations(ORG_ID, 10, 0);
		verifyOne(getRequestedFor(urlEqualTo(url)));
		assertThat(page.data()).singleElement().satisfies(ClerkOrganizationsTests::isBobPending);
	}

	@Test
	void revokesAnInvitation() {
		String url = "/v1/organizations/" + ORG_ID + "/invitations/orginv_1/revoke";
		wm.stubFor(post(url).willReturn(okJson(INVITATION.replace("\"pending\"", "\"revoked\""))));
		ClerkOrganizationInvitation revoked = blocking().revokeInvitation(ORG_ID, "orginv_1", "user_1");
		verifyOne(postRequestedFor(urlEqualTo(url)), "{\"requesting_user_id\":\"user_1\"}");
		assertThat(revoked.status()).isEqualTo("revoked");
		wm.resetRequests();
		blocking().revokeInvitation(ORG_ID, "orginv_1", null);
		verifyOne(postRequestedFor(urlEqualTo(url)), "{}");
	}

	@Test
	void errorsAreDecodedAsTheOtherClerkCalls() {
		wm.stubFor(post("/v1/organizations/" + ORG_ID + "/memberships").willReturn(aResponse().withStatus(422)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"errors":[{"code":"already_a_member_in_organization","message":"already a member",
					  "long_message":"User is already a member of the organization.","meta":{}}],
					 "clerk_trace_id":"trace-1"}
					""")));
		assertThatExceptionOfType(SaasApiException.class)
			.isThrownBy(() -> blocking().addMember(ORG_ID, "user_2", "org:member"))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(422);
				assertThat(ex.getProvider()).isEqualTo("clerk");
				assertThat(ex.getOperation()).isEqualTo("organizations.memberships.create");
				assertThat(ex.getErrorCode()).isEqualTo("already_a_member_in_organization");
				assertThat(ex.getProviderMessage()).isEqualTo("User is already a member of the organization.");
				assertThat(ex.getRequestId()).isEqualTo("trace-1");
				assertThat(ex.getMessage()).doesNotContain(ClerkUsersTests.SECRET_KEY);
			});
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	@Test
	void aRateLimitCarriesRetryAfter() {
		wm.stubFor(get(urlEqualTo("/v1/organizations/" + ORG_ID)).willReturn(aResponse().withStatus(429)
			.withHeader("Retry-After", "7")
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[{\"code\":\"too_many_requests\",\"message\":\"Too many requests\"}]}")));
		assertThatExceptionOfType(SaasRateLimitException.class).isThrownBy(() -> blocking().get(ORG_ID))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("too_many_requests"));
	}

	@Test
	void aResetReadIsRetriedAndAResetCreationIsNot() {
		wm.stubFor(get(urlEqualTo("/v1/organizations/" + ORG_ID)).inScenario("reset")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("up"));
		wm.stubFor(get(urlEqualTo("/v1/organizations/" + ORG_ID)).inScenario("reset")
			.whenScenarioStateIs("up")
			.willReturn(okJson(ORGANIZATION)));
		isAcme(blocking().get(ORG_ID));
		wm.verify(exactly(2), getRequestedFor(urlEqualTo("/v1/organizations/" + ORG_ID)));
		wm.stubFor(post("/v1/organizations").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertThatExceptionOfType(SaasTransportException.class)
			.isThrownBy(() -> blocking().create(NewClerkOrganization.named("Acme")));
		wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/organizations")));
	}

	@Test
	void aRateLimitedReadIsRetriedAfterRetryAfter() {
		wm.stubFor(get(urlEqualTo("/v1/organizations/" + ORG_ID)).inScenario("limited")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")
				.withHeader("Content-Type", "application/json")
				.withBody("{\"errors\":[{\"code\":\"too_many_requests\",\"message\":\"Too many requests\"}]}"))
			.willSetStateTo("up"));
		wm.stubFor(get(urlEqualTo("/v1/organizations/" + ORG_ID)).inScenario("limited")
			.whenScenarioStateIs("up")
			.willReturn(okJson(ORGANIZATION)));
		isAcme(blocking().get(ORG_ID));
		wm.verify(exactly(2), getRequestedFor(urlEqualTo("/v1/organizations/" + ORG_ID)));
	}

	@Test
	void aSuccessWithoutBodyOrWithGarbageIsMalformed() {
		wm.stubFor(get(urlEqualTo("/v1/organizations/" + ORG_ID)).willReturn(aResponse().withStatus(200)));
		assertThatExceptionOfType(SaasMalformedResponseException.class).isThrownBy(() -> blocking().get(ORG_ID));
		wm.stubFor(get(urlEqualTo("/v1/organizations?limit=10&offset=0")).willReturn(okJson("[1,2")));
		assertThatExceptionOfType(SaasMalformedResponseException.class)
			.isThrownBy(() -> blocking().list(ClerkOrganizationQuery.page(10, 0)));
	}

	@Test
	void refusesInvalidArgumentsBeforeAnyCall() {
		wm.stubFor(any(anyUrl()).willReturn(okJson(ORGANIZATION)));
		ClerkOrganizations organizations = blocking();
		List<Executable> calls = List.of(() -> organizations.get(" "), () -> organizations.delete(""),
				() -> organizations.update(ORG_ID, ClerkOrganizationChanges.none()),
				() -> organizations.updateMetadata(ORG_ID, Map.of(), Map.of()),
				() -> organizations.memberships(ORG_ID, 0, 0), () -> organizations.memberships(ORG_ID, 501, 0),
				() -> organizations.memberships(ORG_ID, 10, -1), () -> organizations.addMember(ORG_ID, "user_2", " "),
				() -> organizations.changeRole(ORG_ID, "", "org:admin"), () -> organizations.removeMember(" ", "u"),
				() -> organizations.pendingInvitations(ORG_ID, 1000, 0),
				() -> organizations.revokeInvitation(ORG_ID, "", null),
				() -> organizations.revokeInvitation(ORG_ID, "orginv_1", " "),
				() -> organizations.get("a/../b"));
		for (Executable call : calls) {
			assertThatIllegalArgumentException().isThrownBy(call::execute);
		}
		assertThatIllegalArgumentException().isThrownBy(() -> ClerkOrganizationQuery.page(0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> ClerkOrganizationQuery.page(10, 0).orderBy("email"));
		assertThatIllegalArgumentException().isThrownBy(() -> NewClerkOrganization.named(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> NewClerkOrganization.named("x".repeat(257)));
		assertThatIllegalArgumentException().isThrownBy(() -> NewClerkOrganization.named("A").withSlug("Not OK"));
		assertThatIllegalArgumentException().isThrownBy(() -> NewClerkInvitation.of("", "org:member"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NewClerkInvitation.of("a@example.com", "org:member").withExpiresInDays(0));
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void theReactiveClientDefersTheCall() {
		wm.stubFor(get("/v1/organizations/" + ORG_ID).willReturn(okJson(ORGANIZATION)));
		var mono = organizations().get(ORG_ID);
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
		isAcme(mono.block());
	}

}
