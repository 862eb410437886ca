variable "region" {
  type        = string
  description = "The region of the payments key."
}

variable "account_id" {
  type        = string
  description = "The AWS account the payments service runs in."
}
