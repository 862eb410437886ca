variable "grant" {
  type = object({
    name    = string
    actions = optional(list(string), ["kms:Decrypt"])
    keys    = set(string)
    tags    = optional(map(string), {})
    weight  = optional(number)
  })
}

locals {
  key_arns = [for k in var.grant.keys : "arn:aws:kms:us-east-1:111122223333:key/${k}"]
}

output "statements" {
  value = [
    {
      Sid      = "P1T${var.grant.name}"
      Effect   = "Allow"
      Action   = var.grant.actions
      Resource = local.key_arns
      Condition = {
        StringEquals = merge({ "aws:PrincipalTag/weight" = tostring(coalesce(var.grant.weight, 0)) }, var.grant.tags)
      }
    },
  ]
}
