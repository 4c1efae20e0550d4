BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe '-WhatIf changes nothing' {
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Probe
        $prefix = New-TestName 'whatif'
        $psk = ConvertTo-SecureString 'whatif-psk' -AsPlainText -Force
        $ike = New-IkePolicy -Name "$prefix-ike"
        $ipsec = New-IpsecPolicy -Name "$prefix-ipsec"
        $service = New-VpnService -Name "$prefix-svc" -Router $seed.router_id -Subnet $seed.private_subnet_id
        $group = New-VpnEndpointGroup -Name "$prefix-peer" -Type cidr -Endpoint 10.41.0.0/24
        $connection = New-IpsecSiteConnection -Name "$prefix-conn" -VpnService $service -IkePolicy $ike -IpsecPolicy $ipsec -PeerAddress 172.24.4.250 -PeerCidr 10.42.0.0/24 -Psk $psk
        Set-TestStatus connection $connection.Id ACTIVE
        Set-TestStatus vpnservice $service.Id ACTIVE
        function Get-State {
            @(Get-IpsecSiteConnection -Name "$prefix*"; Get-VpnService -Name "$prefix*"; Get-VpnEndpointGroup -Name "$prefix*"; Get-IkePolicy -Name "$prefix*"; Get-IpsecPolicy -Name "$prefix*") |
                Select-Object * -ExcludeProperty Psk | ConvertTo-Json -Depth 5
        }
        $before = Get-State
    }

    AfterAll {
        Get-IpsecSiteConnection -Name "$prefix*" | Remove-IpsecSiteConnection -Force
        Get-VpnService -Name "$prefix*" | Remove-VpnService -Force
        Get-VpnEndpointGroup -Name "$prefix*" | Remove-VpnEndpointGroup -Force
        Get-IkePolicy -Name "$prefix*" | Remove-IkePolicy -Force
        Get-IpsecPolicy -Name "$prefix*" | Remove-IpsecPolicy -Force
        Remove-Probe
    }

    It '<Line> says what it would do, sends no write and changes nothing' -ForEach @(
        @{ Line = 'New-IkePolicy -Name "$prefix-new" -WhatIf' }
        @{ Line = 'New-IpsecPolicy -Name "$prefix-new" -WhatIf' }
        @{ Line = 'New-VpnService -Name "$prefix-new" -Router $seed.router_id -WhatIf' }
        @{ Line = 'New-VpnEndpointGroup -Name "$prefix-new" -Type cidr -Endpoint 10.43.0.0/24 -WhatIf' }
        @{ Line = 'New-IpsecSiteConnection -Name "$prefix-new" -VpnService $service -IkePolicy $ike -IpsecPolicy $ipsec -PeerAddress 172.24.4.251 -PeerCidr 10.44.0.0/24 -Psk $psk -WhatIf' }
        @{ Line = 'Set-IpsecSiteConnection -Id $connection.Id -Mtu 1300 -Psk $psk -WhatIf' }
        @{ Line = 'Set-VpnService -Id $service.Id -Description changed -WhatIf' }
        @{ Line = 'Set-VpnEndpointGroup -Id $group.Id -NewName changed -WhatIf' }
        @{ Line = 'Set-IkePolicy -Id $ike.Id -NewName changed -WhatIf' }
        @{ Line = 'Set-IpsecPolicy -Id $ipsec.Id -NewName changed -WhatIf' }
        @{ Line = '$connection | Remove-IpsecSiteConnection -WhatIf' }
        @{ Line = 'Remove-IpsecSiteConnection -Id $connection.Id -Force -WhatIf' }
        @{ Line = 'Remove-VpnService -Name "$prefix-svc" -Force -WhatIf' }
        @{ Line = 'Remove-VpnEndpointGroup -InputObject $group -WhatIf' }
        @{ Line = 'Remove-IkePolicy -Id $ike.Id -WhatIf' }
        @{ Line = 'Remove-IpsecPolicy -Id $ipsec.Id -Force -WhatIf' }
    ) {
        # What if: is written to the host, not to a stream: a transcript is what sees it.
        $transcript = Join-Path $TestDrive "whatif-$([guid]::NewGuid().ToString('n')).txt"
        $null = Start-Transcript -Path $transcript
        try { $sent = Get-ServerRequest ([scriptblock]::Create($Line)) }
        finally { $null = Stop-Transcript }
        $script:ServerRequestError | Should -BeNullOrEmpty -Because 'the cmdlet must run to its ShouldProcess, not fail before it'
        $operation = @{ New = 'Create'; Set = 'Set [a-z_, ]+'; Remove = 'Remove' }[($Line -replace '^\$connection \| ', '').Split('-')[0]]
        (Get-Content $transcript -Raw) | Should -Match "What if: Performing the operation `"$operation`" on target `"(IKE|IPsec|VPN) [^`"]+`""
        $sent | Where-Object Method -ne GET | Should -BeNullOrEmpty -Because 'the server received no write'
        Get-State | Should -Be $before
    }
}
