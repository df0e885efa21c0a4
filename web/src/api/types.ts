/** A page of items as every paged endpoint returns it. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
