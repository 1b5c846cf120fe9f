package io.saasstack.sample.members;

/**
 * What a member pays for.
 */
public enum Plan {

	FREE, PRO, TEAM

}
