import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An OpenID Connect sign-in under way: what the callback needs to finish it, used once. */
@Entity({ name: 'oidc_sign_ins' })
export class OidcSignInEntity {
  /** The `state` sent to the identity provider and returned with the code. */
  @PrimaryColumn({ type: 'text' })
  state!: string;

  /** PKCE: the secret whose digest went out as `code_challenge`. */
  @Column({ name: 'code_verifier', type: 'text' })
  codeVerifier!: string;

  @Column({ type: 'text' })
  nonce!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
