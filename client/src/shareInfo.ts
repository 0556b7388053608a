/** The facilitator's invitation: the join code and links (from the API; nobody else gets one). */
export interface ShareInfo {
  joinCode: string
  joinUrl: string
  viewerUrl: string
}
