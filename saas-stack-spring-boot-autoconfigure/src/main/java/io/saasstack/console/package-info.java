/**
 * The local console: a development page served by the application, showing what the local
 * stand-ins kept (mails, LogSnag requests, uploads), minting local tokens and logging the webhooks
 * received, with JSON endpoints for tests and scripts.
 */
@NullMarked
package io.saasstack.console;

import org.jspecify.annotations.NullMarked;
