/** A row's version as read: a conditional update applies only if nobody changed the row since. */
export interface RowVersion {
  readonly sequence: number;
  readonly updatedAt: string;
}
