# DynamoDB Designer checks the tables of this file as you type: the aws_dynamodb_table resource
# and the module block of the Sourcefuse ARC DynamoDB module (sourcefuse/arc-dynamodb/aws).
# Terraform applies it (terraform plan / apply).

variable "environment" {
  type    = string
  default = "staging"
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders-${var.environment}"
  billing_mode = "PROVISIONED"
  hash_key     = "customerId"
  range_key    = "orderId"

  read_capacity  = 5
  write_capacity = 5

  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "customerId"
    type = "S"
  }

  attribute {
    name = "orderId"
    type = "S"
  }

  attribute {
    name = "placedAt"
    type = "N"
  }

  global_secondary_index {
    name            = "ByPlacedAt"
    hash_key        = "customerId"
    range_key       = "placedAt"
    projection_type = "KEYS_ONLY"
    read_capacity   = 5
    write_capacity  = 5
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  server_side_encryption {
    enabled = true
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = {
    Environment = var.environment
    Team        = "checkout"
  }
}

module "sessions" {
  source = "sourcefuse/arc-dynamodb/aws"

  table_name   = "sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "userId"
  range_key    = "sessionId"

  attributes = [
    {
      name = "userId"
      type = "S"
    },
    {
      name = "sessionId"
      type = "S"
    }
  ]

  ttl_enabled        = true
  ttl_attribute_name = "expires_at"

  tags = {
    Environment = "production"
  }
}
